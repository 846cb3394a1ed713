using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CtiCore.EndToEnd.Tests.Harness;

/// <summary>
/// A phone played by a long-running sipp UAS (Scenarios/phone.xml) on its own UDP port: an agent's phone, or the far
/// end of the trunk for outbound calls. It rings for <see cref="RingTime"/>, answers unless cancelled, and hangs up
/// itself after <see cref="MaxTalkTime"/> unless the other side does first. Every SIP message it sees is logged, so a
/// test can count the INVITEs that reached it.
/// </summary>
public sealed partial class SippPhone : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _messageLog;
    private readonly string _errorLog;

    private SippPhone(string name, int port, Process process, string messageLog, string errorLog, TimeSpan ringTime, TimeSpan maxTalkTime)
    {
        Name = name;
        Port = port;
        _process = process;
        _messageLog = messageLog;
        _errorLog = errorLog;
        RingTime = ringTime;
        MaxTalkTime = maxTalkTime;
    }

    public string Name { get; }

    public int Port { get; }

    public TimeSpan RingTime { get; }

    public TimeSpan MaxTalkTime { get; }

    /// <param name="scenario">The file of Scenarios/ that plays the phone: "phone", or "far-end" for the trunk's far end.</param>
    public static SippPhone Start(string name, string folder, TimeSpan ringTime, TimeSpan maxTalkTime, string scenario = "phone")
    {
        var port = EndToEndPorts.Next();
        var scenarioFile = SippScenario.Write(scenario, folder, new Dictionary<string, TimeSpan> { ["RING_MS"] = ringTime, ["TALK_MS"] = maxTalkTime });
        var messageLog = Path.Combine(folder, $"sipp-{name}-messages.log");
        var errorLog = Path.Combine(folder, $"sipp-{name}-errors.log");
        var info = new ProcessStartInfo("sipp")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in new[]
        {
            "-sf", scenarioFile, "-i", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture),
            "-mi", "127.0.0.1", "-mp", EndToEndPorts.Next(4).ToString(CultureInfo.InvariantCulture),
            // -aa answers the UPDATE/INFO/NOTIFY Asterisk may send mid-call (connected-line updates).
            "-aa", "-nostdin", "-trace_msg", "-message_file", messageLog, "-trace_err", "-error_file", errorLog,
        })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("sipp did not start");
        // sipp redraws its screen on stdout; drain it so it never blocks.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SippPhone(name, port, process, messageLog, errorLog, ringTime, maxTalkTime);
    }

    /// <summary>INVITEs received so far (new calls, not retransmissions: counted by Call-ID).</summary>
    public int InvitesReceived => ReceivedInvites().Select(i => i.CallId).Distinct(StringComparer.Ordinal).Count();

    /// <summary>The INVITEs received so far (sipp's message log, one block per message): Call-ID, From user, and the
    /// user of the Request-URI (the number dialled).</summary>
    public IReadOnlyList<(string CallId, string From, string To)> ReceivedInvites()
    {
        var invites = new List<(string, string, string)>();
        foreach (var block in ReadShared(_messageLog).Split("\n---", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            var received = lines.FindIndex(l => l.Contains("message received", StringComparison.Ordinal));
            var requestLine = received < 0 ? null : lines.Skip(received + 1).FirstOrDefault(l => l.Length > 0);
            if (requestLine is null || !requestLine.StartsWith("INVITE ", StringComparison.Ordinal))
            {
                continue;
            }

            var callId = Header(lines, "Call-ID", "i");
            var from = Header(lines, "From", "f");
            var user = FromUser().Match(from);
            var to = FromUser().Match(requestLine);
            invites.Add((callId, user.Success ? user.Groups[1].Value : from, to.Success ? to.Groups[1].Value : string.Empty));
        }

        return invites;
    }

    public string Errors => ReadShared(_errorLog);

    public bool IsRunning => !_process.HasExited;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return string.Empty;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string Header(List<string> lines, string name, string compact)
    {
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                var header = line[..colon].Trim();
                if (header.Equals(name, StringComparison.OrdinalIgnoreCase) || header.Equals(compact, StringComparison.OrdinalIgnoreCase))
                {
                    return line[(colon + 1)..].Trim();
                }
            }
        }

        return string.Empty;
    }

    [GeneratedRegex(@"sip:([^@>;]*)@")]
    private static partial Regex FromUser();
}
