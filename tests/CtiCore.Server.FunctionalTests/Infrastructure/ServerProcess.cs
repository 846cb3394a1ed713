using System.Diagnostics;
using System.Text;

namespace CtiCore.Server.FunctionalTests.Infrastructure;

/// <summary>The built server started as its own process (<c>dotnet exec CtiCore.Server.dll</c>), output captured.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private ServerProcess(Process process)
    {
        _process = process;
    }

    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ServerProcess Start(string workingDirectory, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(ServerDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test runner's own settings must not leak into the server under test.
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "CTI_ADMIN_USER", "CTI_ADMIN_PASSWORD" })
        {
            start.Environment.Remove(inherited);
        }

        // The built-in PBX on a free port: 5060 may be taken on a shared machine (a test may override it).
        start.Environment["Cti__Sip__Port"] = "0";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => Append(server._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(server._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>The server assembly built next to this test project (same configuration), with its runtimeconfig.</summary>
    public static string ServerDll
    {
        get
        {
            var testBin = AppContext.BaseDirectory; // .../tests/CtiCore.Server.FunctionalTests/bin/<Configuration>/net10.0/
            var framework = new DirectoryInfo(testBin).Name;
            var configuration = new DirectoryInfo(testBin).Parent!.Name;
            var root = new DirectoryInfo(testBin);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "CtiCore.sln")))
            {
                root = root.Parent;
            }

            Assert.NotNull(root);
            var dll = Path.Combine(root.FullName, "src", "CtiCore.Server", "bin", configuration, framework, "CtiCore.Server.dll");
            Assert.True(File.Exists(dll), $"Build the server first: {dll} is missing.");
            return dll;
        }
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            _process.WaitForExit(); // drains the asynchronous output readers
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (target)
        {
            target.AppendLine(line);
        }
    }
}
