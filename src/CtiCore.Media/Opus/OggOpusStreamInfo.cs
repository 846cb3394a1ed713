namespace CtiCore.Media.Opus;

/// <summary>What decoding an Ogg Opus file found. Frames are counted after pre-skip and end trimming.</summary>
public sealed record OggOpusStreamInfo(
    int Channels,
    int InputSampleRate,
    int PreSkip,
    int OutputSampleRate,
    long FramesDecoded,
    long Packets,
    long Bytes,
    string Vendor,
    IReadOnlyList<string> Comments,
    string Sha256)
{
    public TimeSpan Duration => TimeSpan.FromSeconds((double)FramesDecoded / OutputSampleRate);
}
