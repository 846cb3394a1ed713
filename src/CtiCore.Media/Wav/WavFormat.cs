namespace CtiCore.Media.Wav;

/// <summary>What a WAV file's <c>fmt </c> chunk declares.</summary>
public sealed record WavFormat(WavEncoding Encoding, int SampleRate, int Channels)
{
    public int BytesPerSample => Encoding == WavEncoding.Pcm16 ? 2 : 1;

    public int BlockAlign => BytesPerSample * Channels;
}
