using CtiCore.Media.Wav;

namespace CtiCore.Media.Recording;

/// <summary>
/// The decoded audio of a <see cref="RecordingSource"/> as interleaved 16-bit frames: the mixed file as it is, or the
/// two legs interleaved caller-left, agent-right. A shorter leg is padded with silence; a header-only leg is silence.
/// </summary>
internal sealed class RecordingAudio : IDisposable
{
    private readonly WavReader[] _readers;
    private short[] _legBuffer = [];
    private long _framesLeft;

    private RecordingAudio(WavReader[] readers, int sampleRate, int channels, long frames)
    {
        _readers = readers;
        SampleRate = sampleRate;
        Channels = channels;
        FrameCount = frames;
        _framesLeft = frames;
    }

    public int SampleRate { get; }

    public int Channels { get; }

    public long FrameCount { get; }

    public bool HeaderWasUnfinalized => _readers.Any(r => r.HeaderWasUnfinalized);

    public static RecordingAudio Open(RecordingSource source)
    {
        source.Validate();
        if (source.MixedPath is not null)
        {
            var reader = WavReader.Open(source.MixedPath);
            return new RecordingAudio([reader], reader.Format.SampleRate, reader.Format.Channels, reader.FrameCount);
        }

        var caller = WavReader.Open(source.CallerLegPath!);
        WavReader? agent = null;
        try
        {
            agent = WavReader.Open(source.AgentLegPath!);
            foreach (var (leg, path) in new[] { (caller, source.CallerLegPath!), (agent, source.AgentLegPath!) })
            {
                if (leg.Format.Channels != 1)
                {
                    throw new WavFormatException(WavFormatError.IncompatibleLegs, path, $"a call leg must be mono, this one has {leg.Format.Channels} channels");
                }
            }

            if (caller.Format.SampleRate != agent.Format.SampleRate)
            {
                throw new WavFormatException(WavFormatError.IncompatibleLegs, source.AgentLegPath!,
                    $"the agent leg is {agent.Format.SampleRate} Hz but the caller leg is {caller.Format.SampleRate} Hz");
            }

            return new RecordingAudio([caller, agent], caller.Format.SampleRate, 2, Math.Max(caller.FrameCount, agent.FrameCount));
        }
        catch
        {
            caller.Dispose();
            agent?.Dispose();
            throw;
        }
    }

    /// <summary>Fills whole frames; returns frames read, 0 at the end.</summary>
    public int Read(Span<short> interleaved)
    {
        if (_readers.Length == 1)
        {
            var frames = _readers[0].Read(interleaved);
            _framesLeft -= frames;
            return frames;
        }

        var wanted = (int)Math.Min(interleaved.Length / 2, _framesLeft);
        if (wanted == 0)
        {
            return 0;
        }

        if (_legBuffer.Length < wanted)
        {
            _legBuffer = new short[wanted];
        }

        for (var channel = 0; channel < 2; channel++)
        {
            var leg = _legBuffer.AsSpan(0, wanted);
            var got = 0;
            while (got < wanted)
            {
                var n = _readers[channel].Read(leg[got..]);
                if (n == 0)
                {
                    leg[got..].Clear(); // this leg ended first: silence
                    break;
                }

                got += n;
            }

            for (var i = 0; i < wanted; i++)
            {
                interleaved[(2 * i) + channel] = leg[i];
            }
        }

        _framesLeft -= wanted;
        return wanted;
    }

    public void Dispose()
    {
        foreach (var reader in _readers)
        {
            reader.Dispose();
        }
    }
}
