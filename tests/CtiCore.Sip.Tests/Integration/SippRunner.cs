using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CtiCore.Sip.Tests.Integration;

/// <summary>Runs the real sipp (Debian package sip-tester) against an address, bounded in calls and time.</summary>
internal static class SippRunner
{
    public const string Executable = "/usr/bin/sipp";

    public static string ScenarioPath(string name) => Path.Combine(AppContext.BaseDirectory, "sipp", name);

    /// <summary>A local port free on both UDP and TCP, for sipp itself (sipp would otherwise take 5060).</summary>
    public static int FreePort()
    {
        // The kernel picks a free UDP port; its TCP twin may be held by another test's connection, so try again then.
        for (var attempt = 1; ; attempt++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < 20)
            {
            }
        }
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(IPEndPoint target, string transport, string service, IEnumerable<string> scenario, int calls = 1, CancellationToken cancellationToken = default)
    {
        var errors = Path.Combine(Path.GetTempPath(), $"sipp-{Guid.NewGuid():N}.log");
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in scenario.Concat(
        [
            $"{target.Address}:{target.Port.ToString(CultureInfo.InvariantCulture)}",
            "-s", service,
            "-m", calls.ToString(CultureInfo.InvariantCulture),
            "-i", "127.0.0.1",
            "-p", FreePort().ToString(CultureInfo.InvariantCulture),
            "-t", transport,
            "-timeout", "20s",
            "-timeout_error",
            "-nostdin",
            "-trace_err",
            "-error_file", errors,
        ]))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var errorLog = File.Exists(errors) ? await File.ReadAllTextAsync(errors, cancellationToken) : string.Empty;
        File.Delete(errors);
        var output = await stderr + errorLog + Tail(await stdout, 3000);
        return (process.ExitCode, output);
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : text[^length..];
}
