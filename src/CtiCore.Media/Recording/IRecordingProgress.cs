namespace CtiCore.Media.Recording;

/// <summary>Observes encoding as it goes (metrics, a progress bar, or a test that stops the process mid-file).</summary>
public interface IRecordingProgress
{
    /// <summary>Called on the encoding thread after each block is written to <paramref name="partialPath"/>.</summary>
    void OnEncoded(string jobId, string partialPath, long framesEncoded, long totalFrames);
}
