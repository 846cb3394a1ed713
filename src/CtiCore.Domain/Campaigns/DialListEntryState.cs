namespace CtiCore.Domain.Campaigns;

public enum DialListEntryState
{
    /// <summary>Waiting for its next attempt (see <see cref="DialListEntry.NextAttemptAt"/>).</summary>
    Pending = 0,

    /// <summary>A call to it is in progress.</summary>
    Dialing = 1,

    /// <summary>Reached a final disposition.</summary>
    Completed = 2,

    /// <summary>Used up the campaign's attempts without a final disposition.</summary>
    Exhausted = 3,

    /// <summary>The callee asked not to be called again.</summary>
    DoNotCall = 4,
}
