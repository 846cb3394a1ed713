using System.Diagnostics;
using System.Globalization;
using CtiCore.Media.Opus;
using CtiCore.Media.Wav;
using CtiCore.MediaBench;

// Usage: CtiCore.MediaBench [seconds of audio, default 600] [runs, default 5]
// Reports CPU time (user+sys) per audio second, i.e. times-realtime per core, for each encoder on the same WAV.
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 600;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
const int Rate = 8000;

var work = Directory.CreateTempSubdirectory("cticore-mediabench-").FullName;
try
{
    var wav = Path.Combine(work, "call.wav");
    var ulaw = Path.Combine(work, "call-ulaw.wav");
    var samples = SpeechLikeSignal.Generate(Rate, seconds, seed: 7);
    WavWriter.WriteFile(wav, new WavFormat(WavEncoding.Pcm16, Rate, 1), samples);
    WavWriter.WriteFile(ulaw, new WavFormat(WavEncoding.MuLaw, Rate, 1), samples);
    var wavBytes = new FileInfo(wav).Length;
    var ulawBytes = new FileInfo(ulaw).Length;

    var cases = new (string Name, Func<string, long> Run)[]
    {
        ("CtiCore pipeline encode (libopusenc, VOIP, 16 kbit/s, complexity 10)", o => EncodeOurs(wav, o, new OpusEncodingSettings())),
        ("CtiCore pipeline encode, complexity 5", o => EncodeOurs(wav, o, new OpusEncodingSettings { Complexity = 5 })),
        ("CtiCore pipeline encode + verify (decode back, SHA-256)", o => EncodeOurs(wav, o, new OpusEncodingSettings(), verify: true)),
        ("CtiCore pipeline with opusenc's settings (AUDIO application, no bandwidth cap)", o => EncodeOurs(wav, o,
            new OpusEncodingSettings { VoipApplication = false, CapBandwidthToSource = false })),
        ("opusenc CLI --bitrate 16 --speech --comp 10 (baseline)", o => -1),
        ("raw libopus at 8 kHz, no container, no resampling", _ => EncodeRaw(samples)),
    };

    Console.WriteLine($"Input: {seconds} s of speech-like 8 kHz mono; WAV {wavBytes:N0} bytes (PCM16), {ulawBytes:N0} bytes (G.711 µ-law)");
    Console.WriteLine($"Runs: {runs} each, median CPU time (user+sys), one thread. libopus {OpusVersion()}");
    Console.WriteLine();
    Console.WriteLine("| Encoder | CPU s (median) | × realtime per core | Output bytes | kbit/s | Smaller than PCM16 WAV | Smaller than G.711 WAV |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    double? baseline = null;
    var results = new List<(string Name, double Cpu, long Bytes)>();
    foreach (var (name, run) in cases)
    {
        var cpu = new List<double>();
        long bytes = 0;
        for (var i = 0; i < runs; i++)
        {
            var output = Path.Combine(work, $"out-{i}.opus");
            if (name.StartsWith("opusenc", StringComparison.Ordinal))
            {
                (var c, bytes) = RunOpusenc(wav, output);
                cpu.Add(c);
            }
            else
            {
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                bytes = run(output);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds);
            }
        }

        cpu.Sort();
        var median = cpu[cpu.Count / 2];
        results.Add((name, median, bytes));
        Console.WriteLine(Row(name, median, bytes)); // as it comes: a full run takes minutes on a busy machine
        if (name.StartsWith("opusenc", StringComparison.Ordinal))
        {
            baseline = median;
        }
    }

    string Row(string name, double cpu, long bytes) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {cpu:F2} | {seconds / cpu:F0}× | {bytes:N0} | {bytes * 8.0 / seconds / 1000:F1} | {(double)wavBytes / bytes:F1}× | {(double)ulawBytes / bytes:F1}× |");

    if (baseline is { } b)
    {
        Console.WriteLine();
        foreach (var (name, cpu, _) in results.Where(r => !r.Name.StartsWith("opusenc", StringComparison.Ordinal)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- {name}: {b / cpu:F2}× the speed of opusenc"));
        }
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

static long EncodeOurs(string wav, string output, OpusEncodingSettings settings, bool verify = false)
{
    using (var reader = WavReader.Open(wav))
    using (var stream = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
    using (var writer = OggOpusWriter.Create(stream, reader.Format.SampleRate, reader.Format.Channels, settings))
    {
        var block = new short[8000 * reader.Format.Channels];
        int frames;
        while ((frames = reader.Read(block)) > 0)
        {
            writer.Write(block.AsSpan(0, frames * reader.Format.Channels));
        }

        writer.Complete();
        stream.Flush(flushToDisk: true);
    }

    if (verify)
    {
        _ = OggOpusReader.Decode(output);
    }

    return new FileInfo(output).Length;
}

static long EncodeRaw(short[] samples)
{
    using var encoder = new OpusEncoder(8000, 1, new OpusEncodingSettings());
    var packet = new byte[1500];
    long bytes = 0;
    for (var i = 0; i + 160 <= samples.Length; i += 160)
    {
        bytes += encoder.Encode(samples.AsSpan(i, 160), packet);
    }

    return bytes;
}

static (double Cpu, long Bytes) RunOpusenc(string wav, string output)
{
    // bash's time builtin reports the child's user and system CPU; opusenc's own start-up is included, as it would be.
    var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
    start.ArgumentList.Add("-c");
    start.ArgumentList.Add("TIMEFORMAT='%U %S'; time opusenc --quiet --bitrate 16 --speech --comp 10 \"$0\" \"$1\"");
    start.ArgumentList.Add(wav);
    start.ArgumentList.Add(output);
    using var process = Process.Start(start)!;
    var stderr = process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException("opusenc failed: " + stderr);
    }

    var parts = stderr.Trim().Split('\n')[^1].Split(' ');
    var cpu = double.Parse(parts[0], CultureInfo.InvariantCulture) + double.Parse(parts[1], CultureInfo.InvariantCulture);
    return (cpu, new FileInfo(output).Length);
}

static string OpusVersion() => "1.3.1 (Debian libopus0), libopusenc 0.2.1";
