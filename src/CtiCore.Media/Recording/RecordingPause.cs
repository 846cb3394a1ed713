using System.Globalization;

namespace CtiCore.Media.Recording;

/// <summary>
/// A stretch of the recording during which the recorder was muted (PCI: card data was being given), in seconds
/// from the start of the recording. <see cref="EndSeconds"/> is null when the call ended while paused.
/// </summary>
public sealed record RecordingPause(double StartSeconds, double? EndSeconds)
{
    /// <summary>The Ogg Opus comment (RFC 7845 §5.2) that marks one pause.</summary>
    public const string CommentTag = "CTICORE_PAUSE";

    /// <summary>"12.340-31.000", or "12.340-" for a pause that lasted to the end.</summary>
    public string ToCommentValue() => string.Create(CultureInfo.InvariantCulture,
        $"{StartSeconds:0.000}-{(EndSeconds is { } end ? end.ToString("0.000", CultureInfo.InvariantCulture) : string.Empty)}");
}
