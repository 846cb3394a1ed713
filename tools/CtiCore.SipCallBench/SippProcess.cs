using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CtiCore.SipCallBench;

/// <summary>sipp runs: a one-shot (registration, the caller's load) or a long-running UAS stopped at the end.</summary>
internal sealed partial class SippProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private SippProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "sipp", name);

    public static SippProcess Start(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/sipp")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add("-nostdin");
        return new SippProcess(Process.Start(start)!);
    }

    /// <summary>Waits for the exit; the exit code and the final statistics screen.</summary>
    public async Task<(int ExitCode, string Output)> WaitAsync(TimeSpan patience)
    {
        using var deadline = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        var output = await _stdout;
        return (_process.ExitCode, await _stderr + (output.Length > 4000 ? output[^4000..] : output));
    }

    /// <summary>The cumulative "Successful call" and "Failed call" counts of sipp's final screen.</summary>
    public static (int Successful, int Failed) Calls(string output)
    {
        int Last(Regex pattern) => pattern.Matches(output) is { Count: > 0 } m ? int.Parse(m[^1].Groups[1].Value, CultureInfo.InvariantCulture) : -1;
        return (Last(Successful()), Last(Failed()));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"Successful call\s*\|\s*\d+\s*\|\s*(\d+)")]
    private static partial Regex Successful();

    [GeneratedRegex(@"Failed call\s*\|\s*\d+\s*\|\s*(\d+)")]
    private static partial Regex Failed();
}
