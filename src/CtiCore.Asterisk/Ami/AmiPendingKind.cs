namespace CtiCore.Asterisk.Ami;

/// <summary>What completes a pending action.</summary>
internal enum AmiPendingKind
{
    /// <summary>Its response.</summary>
    Single,

    /// <summary>The "EventList: Complete" event with its ActionID (or a response without a list).</summary>
    List,

    /// <summary>The OriginateResponse event with its ActionID (or an error response).</summary>
    Originate,
}
