using System.Diagnostics;
using System.Globalization;

namespace CtiCore.SipCallBench;

/// <summary>
/// CtiCore's SIP layer alone (<see cref="B2buaOnlyHost"/>) as its own process, so its CPU time is read alone, with
/// the same agents registered at the same sipp UAS as for the whole server.
/// </summary>
internal sealed class B2buaOnlyPbx : IPbxUnderTest
{
    private readonly Process _host;

    private B2buaOnlyPbx(Process host, int sipPort)
    {
        _host = host;
        SipPort = sipPort;
    }

    public string Name => "CtiCore SIP layer alone (B2BUA + RTP relay, fixed route)";

    public int SipPort { get; }

    public int ProcessId => _host.Id;

    public string Dialled => "+74951230000";

    public string Caller => "74957770001";

    public static async Task<B2buaOnlyPbx> StartAsync(int agents, int uasPort)
    {
        var sip = BenchPorts.Next();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
        {
            "exec", Path.Combine(AppContext.BaseDirectory, "CtiCore.SipCallBench.dll"), B2buaOnlyHost.Flag,
            I(sip), I(BenchPorts.RelayFirst), I(BenchPorts.RelayLast), I(agents), AgentPhones.Password,
        })
        {
            start.ArgumentList.Add(argument);
        }
        var pbx = new B2buaOnlyPbx(Process.Start(start)!, sip);
        try
        {
            using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (await pbx._host.StandardOutput.ReadLineAsync(ready.Token) is { } line && line != B2buaOnlyHost.ReadyLine)
            {
            }
            for (var i = 1; i <= agents; i++)
            {
                await AgentPhones.RegisterAsync(sip, AgentPhones.Login(i), uasPort);
            }
            return pbx;
        }
        catch
        {
            await pbx.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_host.HasExited)
        {
            _host.StandardInput.Close();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _host.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _host.Kill(entireProcessTree: true);
                await _host.WaitForExitAsync();
            }
        }
        _host.Dispose();
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
