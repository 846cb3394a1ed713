using CtiCore.Asterisk.Protocol;

namespace CtiCore.Asterisk.Ami;

/// <summary>
/// One action waiting for Asterisk. Whoever removes it from the connection's table (the reader, the timeout, the
/// caller's cancellation, or Break) is the one that completes it, so it completes exactly once.
/// </summary>
internal sealed class AmiPendingAction(string actionId, string actionName, AmiPendingKind kind)
{
    public string ActionId { get; } = actionId;

    public string ActionName { get; } = actionName;

    public AmiPendingKind Kind { get; } = kind;

    /// <summary>The response packet, once it arrived (list and originate actions wait for more).</summary>
    public AmiPacket? Response { get; set; }

    /// <summary>List items, appended by the reader loop only.</summary>
    public List<AmiPacket> Items { get; } = [];

    /// <summary>Completes with the packet that ended the action; continuations never run on the reader loop.</summary>
    public TaskCompletionSource<AmiPacket> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
