namespace CtiCore.Domain.Telephony;

public enum RecordingState
{
    None = 0,
    Recording = 1,
    Paused = 2,
    Stopped = 3,
}
