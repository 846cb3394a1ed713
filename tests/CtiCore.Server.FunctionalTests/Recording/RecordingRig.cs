using System.Diagnostics;
using System.Globalization;
using CtiCore.Abstractions.Telephony;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Telephony;
using CtiCore.Media.Wav;
using CtiCore.Server.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Server.FunctionalTests.Recording;

/// <summary>
/// A server with recording on, real SQLite and the real libopus. "The PBX" writes WAVs into a folder that the
/// server knows by its PBX path (/var/spool/asterisk/monitor) through Recording:PathMap, and reports them with the
/// same PBX-neutral events the AMI translator emits.
/// </summary>
internal sealed class RecordingRig : IAsyncDisposable
{
    public const string PbxFolder = "/var/spool/asterisk/monitor";
    public const int SampleRate = 8000;
    private static int _calls;
    private long _sequence;

    public RecordingRig(string dataFolder, string monitorFolder, TimeSpan stopGrace)
    {
        DataFolder = dataFolder;
        MonitorFolder = monitorFolder;
        Directory.CreateDirectory(monitorFolder);
        Factory = new CtiServerFactory(new Dictionary<string, string?>
        {
            ["Cti:DataFolder"] = dataFolder,
            ["Recording:Enabled"] = "true",
            ["Recording:PbxFolder"] = PbxFolder,
            [$"Recording:PathMap:{PbxFolder}"] = monitorFolder,
            ["Recording:StopGrace"] = stopGrace.ToString("c", CultureInfo.InvariantCulture),
            ["Recording:LinkInterval"] = "00:00:00.200",
            ["Recording:BitratePerChannel"] = "12000",
        });
    }

    public CtiServerFactory Factory { get; }

    public string DataFolder { get; }

    public string MonitorFolder { get; }

    public string RecordingsRoot => Path.Combine(DataFolder, "recordings");

    public static string NewCallKey() => $"1800000000.{Interlocked.Increment(ref _calls) + (Environment.ProcessId % 1000 * 1000)}";

    /// <summary>A WAV as MixMonitor leaves it: 16-bit PCM at 8 kHz, a tone with a little noise, <paramref name="seconds"/> long.</summary>
    public string WriteWav(string callKey, double seconds)
    {
        var samples = new short[(int)(seconds * SampleRate)];
        var random = new Random(42);
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)((6000 * Math.Sin(2 * Math.PI * 440 * i / SampleRate)) + random.Next(-300, 300));
        }

        var path = Path.Combine(MonitorFolder, callKey + ".wav");
        WavWriter.WriteFile(path, new WavFormat(WavEncoding.Pcm16, SampleRate, 1), samples);
        return path;
    }

    public async Task<long> InteractionAsync(string callKey, long? agentId, long? clientId, long? departmentId)
    {
        long id = 0;
        await Factory.WithDbAsync(async db =>
        {
            var interaction = new Interaction
            {
                CallKey = callKey, AgentId = agentId, ClientId = clientId, DepartmentId = departmentId, Direction = CallDirection.Inbound,
                Outcome = CallOutcome.Answered, Kind = InteractionKind.Call, OfferedAt = DateTimeOffset.UtcNow,
            };
            db.Interactions.Add(interaction);
            await db.SaveChangesAsync();
            id = interaction.Id;
        });
        return id;
    }

    /// <summary>Publishes one event as the PBX adapter would (through the server's event sink).</summary>
    public Task PublishAsync(CallEvent e, string callKey, DateTimeOffset at)
    {
        e.CallId = callKey;
        e.Source = "ami:test";
        e.Sequence = Interlocked.Increment(ref _sequence);
        e.EventId = $"ami:test:{callKey}:{e.GetType().Name}:{e.Sequence}";
        e.OccurredAt = at;
        e.Pbx = new PbxCorrelation { ChannelId = callKey, LinkedId = callKey, ChannelName = "PJSIP/trunk-1" };
        return Factory.Services.GetRequiredService<ITelephonyEventSink>().PublishAsync(e, TestContext.Current.CancellationToken);
    }

    /// <summary>Started, paused at +1 s, resumed at +2 s, stopped at the end: a call with one PCI pause.</summary>
    public async Task RecordCallWithPauseAsync(string callKey, DateTimeOffset startedAt, double seconds)
    {
        await PublishAsync(new RecordingStarted(), callKey, startedAt);
        await PublishAsync(new RecordingPaused(), callKey, startedAt.AddSeconds(1));
        await PublishAsync(new RecordingResumed(), callKey, startedAt.AddSeconds(2));
        await PublishAsync(new RecordingStopped(), callKey, startedAt.AddSeconds(seconds));
    }

    /// <summary>Waits (bounded by the test's cancellation, never by a wall-clock threshold) until the recording is linked.</summary>
    public async Task<Interaction> LinkedAsync(long interactionId)
    {
        while (true)
        {
            Interaction? found = null;
            await Factory.WithDbAsync(async db => found = await db.Interactions.AsNoTracking().FirstAsync(i => i.Id == interactionId));
            if (found!.RecordingSha256 is not null)
            {
                return found;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public string FileOf(Interaction interaction) => Path.Combine(RecordingsRoot, interaction.RecordingKey!);

    public static (int ExitCode, string Output) Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
