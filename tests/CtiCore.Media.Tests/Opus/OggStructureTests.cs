using CtiCore.Media.Opus;
using CtiCore.Media.Tests.Support;
using CtiCore.Media.Wav;

namespace CtiCore.Media.Tests.Opus;

/// <summary>Our files checked by the reference tools (opus-tools), and our verifier checked against damage.</summary>
public sealed class OggStructureTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Opusinfo_accepts_the_file_and_reports_its_shape(int channels)
    {
        var path = Encode(channels, seconds: 4);

        var (exit, output) = Tools.Run("opusinfo", path);

        Assert.True(exit == 0, output);
        Assert.DoesNotContain("WARNING", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ERROR", output, StringComparison.Ordinal);
        Assert.Contains($"Channels: {channels}", output, StringComparison.Ordinal);
        Assert.Contains("Original sample rate: 8000 Hz", output, StringComparison.Ordinal);
        Assert.Contains("Playback length: 0m:04.000s", output, StringComparison.Ordinal);
        Assert.Contains("CTICORE_CALL_KEY=test-call", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Opusdec_decodes_the_file_to_exactly_the_source_length()
    {
        var path = Encode(channels: 1, seconds: 3);
        var wav = _dir.File("decoded.wav");

        var (exit, output) = Tools.Run("opusdec", "--rate", "8000", path, wav);

        Assert.True(exit == 0, output);
        using var reader = WavReader.Open(wav);
        Assert.Equal(8000, reader.Format.SampleRate);
        Assert.Equal(3 * 8000, reader.FrameCount);
    }

    [Fact]
    public void Our_decoder_agrees_with_opusdec_sample_for_sample()
    {
        // At 48 kHz neither side resamples, so the only difference left is opusdec's float-to-int rounding. (At 8 kHz
        // opusdec resamples from 48 kHz with a fractional-sample delay, which makes a sample comparison meaningless.)
        var path = Encode(channels: 1, seconds: 2);
        var wav = _dir.File("decoded.wav");
        Assert.Equal(0, Tools.Run("opusdec", "--rate", "48000", "--no-dither", path, wav).ExitCode);
        var ours = new List<short>();
        var info = OggOpusReader.Decode(path, s => ours.AddRange(s), outputSampleRate: 48_000);

        using var reader = WavReader.Open(wav);
        var theirs = new short[reader.FrameCount];
        reader.Read(theirs);
        Assert.Equal(2 * 48_000, info.FramesDecoded);
        Assert.Equal(theirs.Length, ours.Count);
        var differing = theirs.Zip(ours).Count(pair => Math.Abs(pair.First - pair.Second) > 1);
        Assert.Equal(0, differing);
    }

    [Fact]
    public void A_flipped_byte_fails_the_page_checksum()
    {
        var bytes = File.ReadAllBytes(Encode(1, 2));
        bytes[bytes.Length / 2] ^= 0x40;
        var ex = Assert.Throws<OggOpusVerificationException>(() => OggOpusReader.Decode(new MemoryStream(bytes)));
        Assert.Equal(OggOpusVerificationError.ChecksumMismatch, ex.Reason);
    }

    [Fact]
    public void A_cut_file_is_truncated()
    {
        var bytes = File.ReadAllBytes(Encode(1, 2));
        var ex = Assert.Throws<OggOpusVerificationException>(() => OggOpusReader.Decode(new MemoryStream(bytes[..(bytes.Length - 100)])));
        Assert.Equal(OggOpusVerificationError.Truncated, ex.Reason);
    }

    [Fact]
    public void A_file_cut_at_a_page_boundary_misses_its_end_of_stream_page()
    {
        var bytes = File.ReadAllBytes(Encode(1, 2));
        var lastPage = bytes.AsSpan().LastIndexOf("OggS"u8);
        var ex = Assert.Throws<OggOpusVerificationException>(() => OggOpusReader.Decode(new MemoryStream(bytes[..lastPage])));
        Assert.Equal(OggOpusVerificationError.Truncated, ex.Reason);
    }

    [Fact]
    public void A_wav_is_not_ogg()
    {
        var path = _dir.File("x.wav");
        WavWriter.WriteFile(path, new WavFormat(WavEncoding.Pcm16, 8000, 1), Signals.SumOfSines(8000, 0.1, 440));
        var ex = Assert.Throws<OggOpusVerificationException>(() => OggOpusReader.Decode(path));
        Assert.Equal(OggOpusVerificationError.NotOgg, ex.Reason);
    }

    [Fact]
    public void The_hash_is_the_SHA256_of_the_whole_file()
    {
        var path = Encode(1, 1);
        var info = OggOpusReader.Decode(path);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), info.Sha256);
        Assert.Equal(new FileInfo(path).Length, info.Bytes);
    }

    private string Encode(int channels, int seconds, bool tones = false)
    {
        var mono = tones ? Signals.SumOfSines(8000, seconds, 440, 1000, 1900) : Signals.SpeechLike(8000, seconds);
        var interleaved = new short[mono.Length * channels];
        for (var i = 0; i < mono.Length; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                interleaved[(i * channels) + c] = mono[i];
            }
        }

        var path = _dir.File($"out-{channels}-{seconds}.opus");
        using var stream = File.Create(path);
        using var writer = OggOpusWriter.Create(stream, 8000, channels, new OpusEncodingSettings(),
            [new("CTICORE_CALL_KEY", "test-call")]);
        writer.Write(interleaved);
        writer.Complete();
        return path;
    }
}
