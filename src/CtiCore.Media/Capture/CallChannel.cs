namespace CtiCore.Media.Capture;

/// <summary>The channel of a two-party call recording: caller left, agent right (as <c>RecordingSource.Legs</c>).</summary>
public enum CallChannel
{
    Caller = 0,
    Agent = 1,
}
