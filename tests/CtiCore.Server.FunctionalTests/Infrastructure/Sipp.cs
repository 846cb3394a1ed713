using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace CtiCore.Server.FunctionalTests.Infrastructure;

/// <summary>The real sipp (Debian package sip-tester) as a trunk, a phone's registration or a phone's UAS.</summary>
internal static class Sipp
{
    public const string Executable = "/usr/bin/sipp";

    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "sipp", name);

    /// <summary>Starts sipp with <paramref name="arguments"/>; the task ends with its exit code and what it printed.</summary>
    /// <param name="transport">sipp's -t: u1 (UDP, one socket) or t1 (TCP, one connection).</param>
    public static Task<(int ExitCode, string Output)> StartAsync(IPEndPoint? target, int localPort, IEnumerable<string> arguments, CancellationToken cancellationToken, string transport = "u1")
    {
        var errors = Path.Combine(Path.GetTempPath(), $"sipp-{Guid.NewGuid():N}.log");
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var all = new List<string>();
        if (target is not null)
        {
            all.Add($"{target.Address}:{target.Port.ToString(CultureInfo.InvariantCulture)}");
        }
        all.AddRange(arguments);
        all.AddRange(["-i", "127.0.0.1", "-p", localPort.ToString(CultureInfo.InvariantCulture), "-t", transport, "-m", "1",
            "-timeout", "40s", "-timeout_error", "-nostdin", "-trace_err", "-error_file", errors]);
        foreach (var argument in all)
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        return WaitAsync(process, errors, cancellationToken);
    }

    private static async Task<(int ExitCode, string Output)> WaitAsync(Process process, string errors, CancellationToken cancellationToken)
    {
        using (process)
        {
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
    }
}
