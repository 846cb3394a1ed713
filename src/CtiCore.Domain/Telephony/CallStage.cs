namespace CtiCore.Domain.Telephony;

/// <summary>How far a call has got. Stages only move forward; <see cref="Ended"/> is terminal.</summary>
public enum CallStage
{
    None = 0,
    Offered = 1,
    Ringing = 2,
    Answered = 3,
    Ended = 4,
}
