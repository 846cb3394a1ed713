namespace CtiCore.Domain.Crm;

public enum CallOutcome
{
    /// <summary>Not ended yet.</summary>
    Unknown = 0,
    Answered = 1,

    /// <summary>Offered to agents, nobody answered, the caller did not hang up first (e.g. went to overflow).</summary>
    Missed = 2,

    /// <summary>The caller hung up before anyone answered.</summary>
    Abandoned = 3,
    Busy = 4,
    Failed = 5,
    Voicemail = 6,
}
