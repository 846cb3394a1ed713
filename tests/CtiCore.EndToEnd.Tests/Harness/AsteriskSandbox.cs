using CtiCore.Testing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CtiCore.EndToEnd.Tests.Harness;

/// <summary>
/// The real Asterisk 22 of tools/asterisk/sandbox.sh, in this project's own chroot (.sandbox/asterisk-e2e, or
/// CTICORE_E2E_ASTERISK_ROOT), configured from the shipped dialplans/ plus the test overlay, with the addresses of
/// this run written in: the FastAGI port of the server under test, the sipp trunk's port, and one static contact per
/// agent phone (a sipp UAS; qualify off, since sipp answers no OPTIONS). Each rewrite must match the shipped file, so
/// a change in dialplans/ that the harness no longer understands fails loudly instead of testing something else.
/// </summary>
public sealed class AsteriskSandbox
{
    private readonly string _overlay;

    private AsteriskSandbox(string root, string overlay, int amiPort, int sipPort)
    {
        Root = root;
        _overlay = overlay;
        AmiPort = amiPort;
        SipPort = sipPort;
    }

    public string Root { get; }

    public int AmiPort { get; }

    /// <summary>PJSIP's UDP port on 127.0.0.1: where the trunk sends its INVITEs.</summary>
    public int SipPort { get; }

    public const string AmiUser = "cticore";
    public const string AmiSecret = "ctisecret";

    /// <summary>Where MixMonitor writes, as seen from outside the chroot.</summary>
    public string HostPath(string pathInChroot) => Path.Combine(Root, pathInChroot.TrimStart('/'));

    private static string Script => Path.Combine(RepositoryPaths.Root, "tools", "asterisk", "sandbox.sh");

    /// <summary>Installs the chroot if needed (copying the repository's default root when it is there: 2 s instead of
    /// a 90 s download), then (re)starts Asterisk configured for this run.</summary>
    public static async Task<AsteriskSandbox> StartAsync(int agiPort, int trunkPort, IReadOnlyDictionary<string, int> agentPhones, string workFolder)
    {
        var root = Environment.GetEnvironmentVariable("CTICORE_E2E_ASTERISK_ROOT") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryPaths.Root, ".sandbox", "asterisk-e2e");
        await InstallAsync(root);

        var overlay = Path.Combine(workFolder, "asterisk-overlay");
        WriteOverlay(overlay, agiPort, trunkPort, agentPhones);
        var sandbox = new AsteriskSandbox(root, overlay, EndToEndPorts.Next(), EndToEndPorts.Next());

        // A leftover instance (a killed run) has another run's ports and contacts: always start afresh.
        await sandbox.RunAsync("stop", TimeSpan.FromMinutes(1));
        var start = await sandbox.RunAsync("start", TimeSpan.FromMinutes(3));
        if (start.ExitCode != 0)
        {
            throw new InvalidOperationException($"sandbox.sh start failed ({start.ExitCode}): {start.Output}");
        }

        return sandbox;
    }

    public async Task StopAsync() => await RunAsync("stop", TimeSpan.FromMinutes(1));

    /// <summary>One Asterisk CLI command, e.g. "core show channels".</summary>
    public async Task<string> CliAsync(string command) => (await RunAsync("cli", TimeSpan.FromSeconds(30), command)).Output;

    private Task<(int ExitCode, string Output)> RunAsync(string command, TimeSpan timeout, params string[] arguments)
        => ProcessRunner.RunAsync("bash", [Script, command, .. arguments], new Dictionary<string, string>
        {
            ["CTICORE_ASTERISK_ROOT"] = Root,
            ["CTICORE_ASTERISK_OVERLAY"] = _overlay,
            ["CTICORE_AMI_PORT"] = AmiPort.ToString(CultureInfo.InvariantCulture),
            ["CTICORE_SIP_PORT"] = SipPort.ToString(CultureInfo.InvariantCulture),
        }, timeout);

    private static async Task InstallAsync(string root)
    {
        if (File.Exists(Path.Combine(root, "usr", "sbin", "asterisk")))
        {
            return;
        }

        var seed = Path.Combine(RepositoryPaths.Root, ".sandbox", "asterisk-root");
        if (File.Exists(Path.Combine(seed, "usr", "sbin", "asterisk"))
            && File.Exists(Path.Combine(seed, "usr", "share", "asterisk", "documentation", "core-en_US.xml")))
        {
            // --one-file-system: the seed may be running, with /proc and /dev mounted inside it.
            var partial = root + ".partial";
            await ProcessRunner.RunAsync("rm", ["-rf", partial], null, TimeSpan.FromMinutes(1));
            var copy = await ProcessRunner.RunAsync("cp", ["-a", "--one-file-system", seed, partial], null, TimeSpan.FromMinutes(5));
            if (copy.ExitCode == 0)
            {
                foreach (var stale in new[] { "sandbox.pid", "sandbox.env", "asterisk.ctl", "asterisk.pid" })
                {
                    File.Delete(Path.Combine(partial, "run", "asterisk", stale));
                }

                Directory.Move(partial, root);
                return;
            }
        }

        var install = await ProcessRunner.RunAsync("bash", [Script, "install"],
            new Dictionary<string, string> { ["CTICORE_ASTERISK_ROOT"] = root }, TimeSpan.FromMinutes(10));
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"sandbox.sh install failed ({install.ExitCode}): {install.Output}");
        }
    }

    private static void WriteOverlay(string overlay, int agiPort, int trunkPort, IReadOnlyDictionary<string, int> agentPhones)
    {
        Directory.CreateDirectory(overlay);
        var dialplans = Path.Combine(RepositoryPaths.Root, "dialplans");
        foreach (var file in Directory.GetFiles(Path.Combine(dialplans, "test-overlay"), "*.conf"))
        {
            File.Copy(file, Path.Combine(overlay, Path.GetFileName(file)), overwrite: true);
        }

        var port = trunkPort.ToString(CultureInfo.InvariantCulture);
        var extensions = File.ReadAllText(Path.Combine(dialplans, "extensions.conf"));
        extensions = Rewrite(extensions, @"agi://127\.0\.0\.1:4573", "agi://127.0.0.1:" + agiPort.ToString(CultureInfo.InvariantCulture));
        extensions = Rewrite(extensions, @"@127\.0\.0\.1:5080", "@127.0.0.1:" + port);
        File.WriteAllText(Path.Combine(overlay, "extensions.conf"), extensions);

        var pjsip = File.ReadAllText(Path.Combine(dialplans, "pjsip.conf"));
        pjsip = Rewrite(pjsip, @"contact = sip:127\.0\.0\.1:5080", "contact = sip:127.0.0.1:" + port);
        pjsip = Rewrite(pjsip, @"qualify_frequency = \d+", "qualify_frequency = 0");
        foreach (var (extension, phonePort) in agentPhones)
        {
            pjsip = Rewrite(pjsip, $@"^\[{Regex.Escape(extension)}\]\(agent-aor\)$",
                $"[{extension}](agent-aor)\ncontact = sip:{extension}@127.0.0.1:{phonePort.ToString(CultureInfo.InvariantCulture)}");
        }

        File.WriteAllText(Path.Combine(overlay, "pjsip.conf"), pjsip);
    }

    private static string Rewrite(string text, string pattern, string replacement)
    {
        var regex = new Regex(pattern, RegexOptions.Multiline | RegexOptions.CultureInvariant);
        if (!regex.IsMatch(text))
        {
            throw new InvalidOperationException($"dialplans/ changed: '{pattern}' no longer matches; update the e2e harness.");
        }

        return regex.Replace(text, replacement.Replace("$", "$$", StringComparison.Ordinal));
    }
}
