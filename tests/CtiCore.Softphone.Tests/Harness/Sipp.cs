using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace CtiCore.Softphone.Tests.Harness;

/// <summary>The real sipp (Debian package sip-tester) as the trunk: one call of a scenario, bounded in time.</summary>
internal static class Sipp
{
    public const string Executable = "/usr/bin/sipp";

    /// <summary>sip-tester's own capture of PCMA audio, played by the trunk scenario.</summary>
    public const string G711aCapture = "/usr/share/sip-tester/g711a.pcap";

    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "sipp", name);

    /// <summary>Runs one call of <paramref name="scenario"/> against <paramref name="target"/>; its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IPEndPoint target, string scenario, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var errors = Path.Combine(Path.GetTempPath(), $"sipp-{Guid.NewGuid():N}.log");
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] all =
        [
            $"{target.Address}:{target.Port.ToString(CultureInfo.InvariantCulture)}", "-sf", Scenario(scenario), .. arguments,
            "-i", "127.0.0.1", "-p", SoftphonePorts.Next().ToString(CultureInfo.InvariantCulture),
            "-mp", SoftphonePorts.Next(block: 4).ToString(CultureInfo.InvariantCulture),
            "-t", "u1", "-m", "1", "-timeout", "60s", "-timeout_error", "-nostdin", "-trace_err", "-error_file", errors,
        ];
        foreach (var argument in all)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var errorLog = File.Exists(errors) ? await File.ReadAllTextAsync(errors, CancellationToken.None) : string.Empty;
        File.Delete(errors);
        var output = await stdout;
        return (process.ExitCode, await stderr + errorLog + (output.Length > 3000 ? output[^3000..] : output));
    }

    /// <summary>How many packets a classic pcap file holds (each record header names its captured length).</summary>
    public static int PacketsIn(string pcap)
    {
        var bytes = File.ReadAllBytes(pcap);
        var littleEndian = bytes[0] == 0xD4 && bytes[1] == 0xC3;
        var packets = 0;
        for (var offset = 24; offset + 16 <= bytes.Length; packets++)
        {
            var span = bytes.AsSpan(offset + 8, 4);
            var captured = littleEndian ? System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(span) : System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(span);
            offset += 16 + captured;
        }
        return packets;
    }
}
