using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CtiCore.Softphone.Tests.Harness;

/// <summary>
/// The real softphone (Debian's baresip) headless, with its own configuration folder (<c>-f</c>): one account that
/// registers with the given credentials and answers calls at once, audio from a generated 8 kHz tone through aufile,
/// played to ALSA's null device, and the ctrl_tcp module for its events. Everything it prints is kept for diagnostics.
/// </summary>
public sealed partial class Baresip : IAsyncDisposable
{
    public const string Executable = "/usr/bin/baresip";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private BaresipControl? _control;

    private Baresip(Process process, string user, int sipPort, int controlPort)
    {
        _process = process;
        User = user;
        SipPort = sipPort;
        ControlPort = controlPort;
    }

    public string User { get; }

    public int SipPort { get; }

    public int ControlPort { get; }

    /// <summary>Its ctrl_tcp connection: the events it reports (CALL_INCOMING, CALL_ESTABLISHED, CALL_CLOSED…).</summary>
    public BaresipControl Control => _control ?? throw new InvalidOperationException("baresip's control port is not connected");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts baresip registering <paramref name="user"/> with <paramref name="password"/> at <paramref name="registrar"/>.</summary>
    public static async Task<Baresip> StartAsync(string folder, IPEndPoint registrar, string user, string password, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var sipPort = SoftphonePorts.Next(block: 2); // baresip also binds the next port for SIP over TLS
        var controlPort = SoftphonePorts.Next();
        var rtpPorts = SoftphonePorts.Next(block: 10);
        var tone = Path.Combine(folder, "tone.wav");
        ToneWave.Write(tone, seconds: 30);
        await File.WriteAllTextAsync(Path.Combine(folder, "config"), string.Join('\n',
            "poll_method epoll",
            $"sip_listen 127.0.0.1:{Invariant(sipPort)}",
            "net_interface 127.0.0.1",
            "audio_player alsa,null",
            "audio_alert alsa,null",
            $"audio_source aufile,{tone}",
            $"rtp_ports {Invariant(rtpPorts)}-{Invariant(rtpPorts + 9)}",
            "module_path /usr/lib/baresip/modules",
            "module g711.so",
            "module alsa.so",
            "module aufile.so",
            "module_app account.so",
            "module_app menu.so",
            "module_app ctrl_tcp.so",
            $"ctrl_tcp_listen 127.0.0.1:{Invariant(controlPort)}",
            string.Empty), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "accounts"),
            $"<sip:{user}@{registrar.Address}:{Invariant(registrar.Port)}>;auth_pass={password};regint=60;answermode=auto;audio_codecs=PCMA,PCMU\n",
            cancellationToken);

        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add(folder);
        var phone = new Baresip(new Process { StartInfo = start }, user, sipPort, controlPort);
        phone._process.OutputDataReceived += (_, e) => phone.Append(e.Data);
        phone._process.ErrorDataReceived += (_, e) => phone.Append(e.Data);
        phone._process.Start();
        phone._process.BeginOutputReadLine();
        phone._process.BeginErrorReadLine();
        try
        {
            phone._control = await BaresipControl.ConnectAsync(new IPEndPoint(IPAddress.Loopback, controlPort), () => phone._process.HasExited, cancellationToken);
            return phone;
        }
        catch (Exception e) when (e is TimeoutException or System.Net.Sockets.SocketException)
        {
            await phone.DisposeAsync();
            throw new InvalidOperationException("baresip did not open its control port; it printed: " + phone.Output, e);
        }
    }

    /// <summary>
    /// Waits until baresip prints the outcome of its registration: the status line of the final answer, e.g.
    /// "200 OK" or "403 Forbidden". It prints it before its control port may be reached, hence read from its output.
    /// </summary>
    public async Task<string> RegistrationOutcomeAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var outcome = RegistrationLine().Matches(Output).Select(m => m.Groups["status"].Value).FirstOrDefault(s => !s.StartsWith("401", StringComparison.Ordinal));
            if (outcome is not null)
            {
                return outcome;
            }
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new TimeoutException($"baresip reported no registration outcome; it printed: {Output}");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_control is not null)
        {
            await _control.DisposeAsync();
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        _process.Dispose();
    }

    // "anna@127.0.0.1: {0/UDP/v4} 200 OK (CtiCore) [1 binding]" on success; "reg: sip:anna@…: 403 Forbidden" on refusal.
    [GeneratedRegex(@"(\{\d+/UDP/v4\}|reg: sip:\S+:) (?<status>[1-6]\d\d [^\r\n(\[]*)")]
    private static partial Regex RegistrationLine();

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
