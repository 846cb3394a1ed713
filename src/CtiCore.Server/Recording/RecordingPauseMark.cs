namespace CtiCore.Server.Recording;

/// <summary>One RecordingPaused (<see cref="Paused"/>) or RecordingResumed event; the event id drops re-deliveries.</summary>
public sealed record RecordingPauseMark(string EventId, DateTimeOffset At, bool Paused);
