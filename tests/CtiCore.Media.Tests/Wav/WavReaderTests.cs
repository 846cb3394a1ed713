using System.Buffers.Binary;
using CtiCore.Media.Tests.Support;
using CtiCore.Media.Wav;

namespace CtiCore.Media.Tests.Wav;

public sealed class WavReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(WavEncoding.Pcm16, 1, 8000)]
    [InlineData(WavEncoding.MuLaw, 1, 8000)]
    [InlineData(WavEncoding.ALaw, 2, 8000)]
    [InlineData(WavEncoding.Pcm16, 2, 16000)]
    public void Reads_back_what_was_written(WavEncoding encoding, int channels, int rate)
    {
        var samples = Signals.SumOfSines(rate, 0.5 * channels, 440, 1000);
        var path = _dir.File("a.wav");
        WavWriter.WriteFile(path, new WavFormat(encoding, rate, channels), samples);

        using var reader = WavReader.Open(path);
        Assert.Equal(new WavFormat(encoding, rate, channels), reader.Format);
        Assert.Equal(samples.Length / channels, reader.FrameCount);
        var read = new short[samples.Length];
        Assert.Equal(samples.Length / channels, reader.Read(read));
        Assert.Equal(0, reader.Read(read));
        var tolerance = encoding == WavEncoding.Pcm16 ? 0 : 1100; // G.711 step at full scale is 1024
        for (var i = 0; i < samples.Length; i++)
        {
            Assert.InRange(read[i] - samples[i], -tolerance, tolerance);
        }
    }

    [Fact]
    public void A_header_only_file_is_valid_and_has_no_audio()
    {
        var path = _dir.File("empty.wav");
        WavWriter.WriteFile(path, new WavFormat(WavEncoding.Pcm16, 8000, 1), []);
        Assert.Equal(44, new FileInfo(path).Length);

        using var reader = WavReader.Open(path);
        Assert.False(reader.HasAudio);
        Assert.Equal(0, reader.FrameCount);
    }

    [Fact]
    public void Audio_behind_an_unfinalized_header_is_read_to_the_end_of_the_file()
    {
        // What Asterisk leaves if it dies mid-call: sizes still 0, samples after the header.
        var path = _dir.File("crashed.wav");
        var samples = Signals.SumOfSines(8000, 0.25, 500);
        using (var stream = File.Create(path))
        {
            var writer = new WavWriter(stream, new WavFormat(WavEncoding.Pcm16, 8000, 1), leaveOpen: true);
            writer.Write(samples); // no Complete(): the header keeps its zero sizes
        }

        using var reader = WavReader.Open(path);
        Assert.True(reader.HeaderWasUnfinalized);
        Assert.Equal(samples.Length, reader.FrameCount);
    }

    [Fact]
    public void Unknown_chunks_before_data_are_skipped()
    {
        var samples = Signals.SumOfSines(8000, 0.1, 700);
        var canonical = WavBytes(samples);
        var list = "LIST"u8.ToArray().Concat(new byte[] { 5, 0, 0, 0 }).Concat("INFOx"u8.ToArray()).Append((byte)0).ToArray(); // odd size + pad
        var bytes = canonical[..36].Concat(list).Concat(canonical[36..]).ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        var path = _dir.File("list.wav");
        File.WriteAllBytes(path, bytes);

        using var reader = WavReader.Open(path);
        Assert.Equal(samples.Length, reader.FrameCount);
    }

    [Fact]
    public void WaveFormatExtensible_PCM_is_accepted()
    {
        var samples = Signals.SumOfSines(8000, 0.1, 700);
        var canonical = WavBytes(samples);
        var fmt = new byte[40];
        canonical.AsSpan(20, 16).CopyTo(fmt);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(18), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(24), 1); // KSDATAFORMAT_SUBTYPE_PCM
        var bytes = canonical[..12].Concat("fmt "u8.ToArray()).Concat(new byte[] { 40, 0, 0, 0 }).Concat(fmt).Concat(canonical[36..]).ToArray();
        var path = _dir.File("ext.wav");
        File.WriteAllBytes(path, bytes);

        using var reader = WavReader.Open(path);
        Assert.Equal(WavEncoding.Pcm16, reader.Format.Encoding);
        Assert.Equal(samples.Length, reader.FrameCount);
    }

    [Fact]
    public void A_zero_byte_file_is_refused_as_empty() => AssertRefused([], WavFormatError.EmptyFile);

    [Fact]
    public void Text_is_refused_as_not_wave() => AssertRefused("this is not audio at all, just text"u8.ToArray(), WavFormatError.NotWave);

    [Fact]
    public void Gsm_in_wav_is_refused_as_unsupported()
    {
        var bytes = WavBytes(Signals.SumOfSines(8000, 0.1, 700));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(20), 49); // WAVE_FORMAT_GSM610
        AssertRefused(bytes, WavFormatError.UnsupportedEncoding);
    }

    [Fact]
    public void A_contradictory_fmt_chunk_is_refused_as_corrupt()
    {
        var bytes = WavBytes(Signals.SumOfSines(8000, 0.1, 700));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(32), 4); // block align 4 for mono 16-bit
        AssertRefused(bytes, WavFormatError.Corrupt);
    }

    [Fact]
    public void A_missing_fmt_chunk_is_refused_as_corrupt()
    {
        var bytes = WavBytes(Signals.SumOfSines(8000, 0.1, 700));
        var noFmt = bytes[..12].Concat(bytes[36..]).ToArray();
        AssertRefused(noFmt, WavFormatError.Corrupt);
    }

    [Fact]
    public void A_cut_off_data_chunk_is_refused_as_truncated_and_transient()
    {
        var bytes = WavBytes(Signals.SumOfSines(8000, 1, 700));
        var ex = AssertRefused(bytes[..(bytes.Length / 2)], WavFormatError.Truncated);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public void A_file_cut_inside_its_header_is_truncated()
        => AssertRefused(WavBytes(Signals.SumOfSines(8000, 0.1, 700))[..30], WavFormatError.Truncated);

    private WavFormatException AssertRefused(byte[] bytes, WavFormatError reason)
    {
        var path = _dir.File($"bad-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<WavFormatException>(() => WavReader.Open(path).Dispose());
        Assert.Equal(reason, ex.Reason);
        Assert.Equal(path, ex.Path);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        return ex;
    }

    private static byte[] WavBytes(short[] samples)
    {
        using var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, new WavFormat(WavEncoding.Pcm16, 8000, 1), leaveOpen: true))
        {
            writer.Write(samples);
            writer.Complete();
        }

        return stream.ToArray();
    }
}
