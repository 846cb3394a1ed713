using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Dialogs;

/// <summary>
/// Dialog state of RFC 3261 §12: id, route set, remote target and the two CSeq sequences.
/// </summary>
public sealed class SipDialog
{
    private long _localSequence;

    private SipDialog(SipDialogId id, SipUri localUri, SipUri remoteUri, SipUri remoteTarget, IReadOnlyList<string> routeSet, long localSequence, long? remoteSequence)
    {
        Id = id;
        LocalUri = localUri;
        RemoteUri = remoteUri;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        _localSequence = localSequence;
        RemoteSequence = remoteSequence;
    }

    public SipDialogId Id { get; }

    public SipUri LocalUri { get; }

    public SipUri RemoteUri { get; }

    /// <summary>Where in-dialog requests go: the peer's Contact (§12.1.1, §12.1.2), updated by target refreshes.</summary>
    public SipUri RemoteTarget { get; private set; }

    /// <summary>Record-Route values: in order for the UAS (§12.1.1), reversed for the UAC (§12.1.2).</summary>
    public IReadOnlyList<string> RouteSet { get; }

    public long? RemoteSequence { get; private set; }

    public long LocalSequence => Interlocked.Read(ref _localSequence);

    /// <summary>§12.1.1: the UAS side, from the request and the tag our response adds to To.</summary>
    public static SipDialog CreateAsUas(SipMessage request, string localTag)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contact = (request.Contacts.Count > 0 ? request.Contacts[0].Uri : null)
            ?? throw new SipRejectedException(SipRejectionReason.MissingRequiredHeader, "a dialog-creating request needs a Contact");
        var remoteTag = request.From.Tag ?? string.Empty; // RFC 2543 peers may omit it (§12.1.1: then null).
        return new SipDialog(
            new SipDialogId(request.CallId, localTag, remoteTag),
            request.To.Uri!,
            request.From.Uri!,
            contact,
            request.GetHeaderValues(SipHeaderId.RecordRoute),
            0,
            request.CSeq.Number);
    }

    /// <summary>§12.1.2: the UAC side, from our request and the peer's dialog-creating response.</summary>
    public static SipDialog CreateAsUac(SipMessage request, SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        var contact = (response.Contacts.Count > 0 ? response.Contacts[0].Uri : null) ?? request.RequestUri;
        var routes = response.GetHeaderValues(SipHeaderId.RecordRoute).Reverse().ToList();
        return new SipDialog(
            new SipDialogId(request.CallId, request.From.Tag ?? string.Empty, response.To.Tag ?? string.Empty),
            request.From.Uri!,
            request.To.Uri!,
            contact,
            routes,
            request.CSeq.Number,
            null);
    }

    /// <summary>The dialog an in-dialog request belongs to, seen from the side receiving it.</summary>
    public static SipDialogId IdOfIncoming(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new SipDialogId(request.CallId, request.To.Tag ?? string.Empty, request.From.Tag ?? string.Empty);
    }

    /// <summary>§12.2.2: a request whose CSeq is lower than the last one is out of order (answer 500).</summary>
    public bool AcceptRemoteSequence(long sequence)
    {
        if (RemoteSequence is { } last && sequence < last)
        {
            return false;
        }
        RemoteSequence = sequence;
        return true;
    }

    /// <summary>§12.2.1.1: each new in-dialog request takes the next local CSeq.</summary>
    public long NextLocalSequence() => Interlocked.Increment(ref _localSequence);

    /// <summary>§12.2.1.2 / §12.2.2: a target refresh (re-INVITE, UPDATE) replaces the remote target.</summary>
    public void RefreshTarget(SipUri target) => RemoteTarget = target;
}
