using CtiCore.Testing;
using System.Globalization;

namespace CtiCore.EndToEnd.Tests.Harness;

/// <summary>One call from the trunk, played by a sipp UAC that runs to its end (Scenarios/caller.xml and friends).</summary>
public static class SippCaller
{
    /// <summary>Calls <paramref name="dialled"/> from <paramref name="callerNumber"/>, waits for the answer, talks, hangs up.</summary>
    public static Task<SippResult> CallAndTalkAsync(int asteriskSipPort, string folder, string callerNumber, string dialled, TimeSpan talk)
        => RunAsync(asteriskSipPort, folder, "caller", callerNumber, dialled, new Dictionary<string, TimeSpan> { ["TALK_MS"] = talk });

    /// <summary>Like <see cref="CallAndTalkAsync"/>, but the caller speaks (sipp's G.711 A-law sample as RTP), so the recording holds audio.</summary>
    public static Task<SippResult> CallWithAudioAsync(int asteriskSipPort, string folder, string callerNumber, string dialled, TimeSpan talk)
        => RunAsync(asteriskSipPort, folder, "recorded-caller", callerNumber, dialled, new Dictionary<string, TimeSpan> { ["TALK_MS"] = talk });

    /// <summary>Calls, hears ringing, and hangs up <paramref name="giveUpAfter"/> later, before anyone answers.</summary>
    public static Task<SippResult> CallAndAbandonAsync(int asteriskSipPort, string folder, string callerNumber, string dialled, TimeSpan giveUpAfter)
        => RunAsync(asteriskSipPort, folder, "abandoning-caller", callerNumber, dialled, new Dictionary<string, TimeSpan> { ["GIVE_UP_MS"] = giveUpAfter });

    private static async Task<SippResult> RunAsync(int asteriskSipPort, string folder, string scenarioName, string callerNumber, string dialled, IReadOnlyDictionary<string, TimeSpan> timings)
    {
        var scenario = SippScenario.Write(scenarioName, folder, timings);
        var run = $"sipp-{scenarioName}-{callerNumber.TrimStart('+')}-{Guid.NewGuid().ToString("N")[..6]}";
        var errorLog = Path.Combine(folder, run + "-errors.log");
        var (exitCode, output) = await ProcessRunner.RunAsync("sipp",
        [
            $"127.0.0.1:{asteriskSipPort.ToString(CultureInfo.InvariantCulture)}",
            "-sf", scenario, "-s", dialled, "-set", "caller", callerNumber,
            "-i", "127.0.0.1", "-p", EndToEndPorts.Next().ToString(CultureInfo.InvariantCulture),
            "-mi", "127.0.0.1", "-mp", EndToEndPorts.Next(4).ToString(CultureInfo.InvariantCulture),
            "-m", "1", "-aa", "-nostdin", "-timeout", "60s", "-timeout_error", "-trace_err", "-error_file", errorLog,
            "-trace_msg", "-message_file", Path.Combine(folder, run + "-messages.log"),
        ], null, TimeSpan.FromSeconds(90));
        var errors = File.Exists(errorLog) ? await File.ReadAllTextAsync(errorLog) : string.Empty;
        return new SippResult(exitCode, errors.Length > 0 ? errors : Tail(output));
    }

    private static string Tail(string output) => output.Length <= 2000 ? output : output[^2000..];
}

/// <summary>sipp exits 0 when every call of the scenario went through as scripted.</summary>
public sealed record SippResult(int ExitCode, string Diagnostics)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() => $"sipp exit {ExitCode}: {Diagnostics}";
}
