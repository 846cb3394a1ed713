namespace CtiCore.Asterisk.Ami;

/// <summary>Why the client asked Asterisk for its current state.</summary>
public enum AmiResyncReason
{
    /// <summary>The first login of this client.</summary>
    Connected,

    /// <summary>A login after the connection was lost: events in between are gone (AMI has no replay).</summary>
    Reconnected,

    /// <summary>The event channel overflowed and events were dropped.</summary>
    EventsDropped,
}
