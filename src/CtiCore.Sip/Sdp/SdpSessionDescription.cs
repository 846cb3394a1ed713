namespace CtiCore.Sip.Sdp;

/// <summary>A parsed SDP body (RFC 4566). Build with <see cref="SdpParser"/>, write with <see cref="SdpWriter"/>.</summary>
public sealed record SdpSessionDescription
{
    public int Version { get; init; }

    public required SdpOrigin Origin { get; init; }

    public string SessionName { get; init; } = "-";

    public SdpConnection? Connection { get; init; }

    /// <summary>The t= lines as written ("0 0" for an unbounded session, RFC 3264 §5).</summary>
    public IReadOnlyList<string> Timing { get; init; } = ["0 0"];

    /// <summary>The session-level direction attribute, or null when it has none.</summary>
    public SdpDirection? Direction { get; init; }

    public IReadOnlyList<SdpAttributeLine> OtherAttributes { get; init; } = [];

    public IReadOnlyList<SdpLine> OtherLines { get; init; } = [];

    public IReadOnlyList<SdpMediaDescription> Media { get; init; } = [];

    /// <summary>The connection that applies to a media section: its own, else the session's (RFC 4566 §5.7).</summary>
    public SdpConnection? ConnectionFor(SdpMediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Connection ?? Connection;
    }

    /// <summary>The direction that applies to a media section: its own, else the session's, else sendrecv (RFC 3264 §5.1).</summary>
    public SdpDirection DirectionFor(SdpMediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Direction ?? Direction ?? SdpDirection.SendRecv;
    }

    public override string ToString() => SdpWriter.Write(this);
}
