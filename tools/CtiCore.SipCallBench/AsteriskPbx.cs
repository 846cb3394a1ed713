using System.Diagnostics;
using System.Globalization;

namespace CtiCore.SipCallBench;

/// <summary>
/// Asterisk 22 in its chroot (tools/asterisk/sandbox.sh) with the repository's configuration plus an overlay written
/// here: the caller is a PJSIP endpoint found by its From user, its context dials the same sipp UAS as a static
/// contact. Media is anchored (direct_media = no), as CtiCore's relay anchors it. The root must be one of its own
/// (default &lt;repo&gt;/.sandbox/asterisk-bench, a copy of an installed root).
/// </summary>
internal sealed class AsteriskPbx : IPbxUnderTest
{
    private readonly string _sandbox;
    private readonly Dictionary<string, string> _environment;
    private readonly string _overlay;

    private AsteriskPbx(string sandbox, Dictionary<string, string> environment, string overlay, int sipPort, int pid)
    {
        _sandbox = sandbox;
        _environment = environment;
        _overlay = overlay;
        SipPort = sipPort;
        ProcessId = pid;
    }

    public string Name => "Asterisk 22 (chan_pjsip, Dial, media anchored)";

    public int SipPort { get; }

    public int ProcessId { get; }

    public string Dialled => "+74951230000";

    public string Caller => "74957770001";

    public static async Task<AsteriskPbx> StartAsync(string repository, string root, int uasPort)
    {
        var sandbox = Path.Combine(repository, "tools", "asterisk", "sandbox.sh");
        var overlay = Path.Combine(Path.GetTempPath(), "cticore-sipcallbench-asterisk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(overlay);
        var sipPort = BenchPorts.Next();
        // pjsip.conf includes pjsip_cticore_auth.conf and extensions.conf includes extensions_test.conf: the overlay
        // fills those two hooks.
        await File.WriteAllTextAsync(Path.Combine(overlay, "pjsip_cticore_auth.conf"), $"""
            ; sipcallbench: the caller, identified by its From user (endpoint_identifier_order = username,ip)
            [74957770001]
            type = endpoint
            transport = transport-udp
            context = sipcallbench
            disallow = all
            allow = ulaw,alaw
            direct_media = no

            [bench-uas]
            type = endpoint
            transport = transport-udp
            context = sipcallbench
            disallow = all
            allow = ulaw,alaw
            direct_media = no
            aors = bench-uas

            [bench-uas]
            type = aor
            contact = sip:phone@127.0.0.1:{uasPort.ToString(CultureInfo.InvariantCulture)}

            """);
        await File.WriteAllTextAsync(Path.Combine(overlay, "extensions_test.conf"), """
            [sipcallbench]
            exten => _+X.,1,Dial(PJSIP/bench-uas,10)
             same => n,Hangup()

            """);
        var environment = new Dictionary<string, string>
        {
            ["CTICORE_ASTERISK_ROOT"] = root,
            ["CTICORE_ASTERISK_OVERLAY"] = overlay,
            ["CTICORE_AMI_PORT"] = BenchPorts.Next().ToString(CultureInfo.InvariantCulture),
            ["CTICORE_SIP_PORT"] = sipPort.ToString(CultureInfo.InvariantCulture),
        };
        await RunAsync(sandbox, environment, "start");
        var pid = int.Parse((await File.ReadAllTextAsync(Path.Combine(root, "run", "asterisk", "sandbox.pid"))).Trim(), CultureInfo.InvariantCulture);
        return new AsteriskPbx(sandbox, environment, overlay, sipPort, pid);
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync(_sandbox, _environment, "stop");
        Directory.Delete(_overlay, recursive: true);
    }

    private static async Task RunAsync(string sandbox, Dictionary<string, string> environment, string command)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(sandbox);
        start.ArgumentList.Add(command);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"sandbox.sh {command} failed: {await output}{await errors}");
        }
    }
}
