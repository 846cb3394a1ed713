using CtiCore.Media.Opus;

namespace CtiCore.Media.Tests.Opus;

internal static class OggOpusReaderFacts
{
    public static long FramesOf(string path) => OggOpusReader.Decode(path).FramesDecoded;
}
