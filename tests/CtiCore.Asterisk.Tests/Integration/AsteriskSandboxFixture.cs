using CtiCore.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CtiCore.Asterisk.Tests.Integration;

/// <summary>
/// Starts the real Asterisk 22 of tools/asterisk/sandbox.sh (installing the chroot first if needed) on ports picked
/// here, never the defaults. An instance already running from the same root is reused and left running. Tests skip,
/// with the reason, only when this process is not root or the chroot cannot be installed.
/// </summary>
public sealed class AsteriskSandboxFixture : IAsyncLifetime
{
    public const string Username = "cticore";
    public const string Secret = "ctisecret";
    public const string AdminUsername = "cticore-admin";
    public const string AdminSecret = "ctiadminsecret";

    private bool _started;

    public string? SkipReason { get; private set; }

    public int AmiPort { get; private set; }

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    private string Script => Path.Combine(RepositoryRoot, "tools", "asterisk", "sandbox.sh");

    private string SandboxRoot => Environment.GetEnvironmentVariable("CTICORE_ASTERISK_ROOT") is { Length: > 0 } root
        ? root
        : Path.Combine(RepositoryRoot, ".sandbox", "asterisk-root");

    public async ValueTask InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            SkipReason = "not root: the Asterisk chroot needs debootstrap, chroot and mounts (run as root, as CI does)";
            return;
        }

        var install = await RunAsync("install", null, TimeSpan.FromMinutes(10));
        if (install.ExitCode != 0)
        {
            SkipReason = $"the Asterisk chroot could not be installed: {install.Output}";
            return;
        }

        var status = await RunAsync("status", null, TimeSpan.FromSeconds(30));
        var envFile = Path.Combine(SandboxRoot, "run", "asterisk", "sandbox.env");
        if (status.ExitCode == 0 && File.Exists(envFile))
        {
            AmiPort = ReadPort(envFile, "CTICORE_AMI_PORT");
            return;
        }

        AmiPort = FreePort(SocketType.Stream, ProtocolType.Tcp);
        var sipPort = FreePort(SocketType.Dgram, ProtocolType.Udp);
        var start = await RunAsync("start", new Dictionary<string, string>
        {
            ["CTICORE_AMI_PORT"] = AmiPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CTICORE_SIP_PORT"] = sipPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, TimeSpan.FromMinutes(3));
        if (start.ExitCode != 0)
        {
            // Installed but not startable is a failure to report, not a reason to skip.
            throw new InvalidOperationException($"sandbox.sh start failed ({start.ExitCode}): {start.Output}");
        }

        _started = !start.Output.Contains("already running", StringComparison.Ordinal);
        if (!_started && File.Exists(envFile))
        {
            AmiPort = ReadPort(envFile, "CTICORE_AMI_PORT");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await RunAsync("stop", null, TimeSpan.FromMinutes(1));
        }
    }

    public Task<(int ExitCode, string Output)> RunAsync(string command, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, params string[] arguments)
        => ProcessRunner.RunAsync("bash", [Script, command, .. arguments], environment, timeout);

    private static int ReadPort(string envFile, string key)
        => int.Parse(File.ReadAllLines(envFile).Single(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..],
            System.Globalization.CultureInfo.InvariantCulture);

    private static int FreePort(SocketType socketType, ProtocolType protocol)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, socketType, protocol);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CtiCore.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CtiCore.sln not found above " + AppContext.BaseDirectory);
    }
}
