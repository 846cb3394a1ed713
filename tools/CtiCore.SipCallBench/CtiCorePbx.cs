using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace CtiCore.SipCallBench;

/// <summary>
/// The real server (Release build) as its own process, on SQLite in a temp folder, with the built-in PBX and its RTP
/// relay. Agents' phones are one sipp UAS: every agent registers its contact there with its CRM credentials, and
/// every agent is made available over the agent hub. Wrap-up is 0 s, so an agent takes the next call at once.
/// </summary>
internal sealed class CtiCorePbx : IPbxUnderTest
{
    private const string AdminPassword = "Bench-Admin-Passw0rd!";

    private readonly Process _server;
    private readonly string _folder;
    private readonly List<HubConnection> _hubs = [];
    private readonly HttpClient _http;

    private CtiCorePbx(Process server, string folder, int sipPort, int httpPort)
    {
        _server = server;
        _folder = folder;
        SipPort = sipPort;
        _http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + httpPort.ToString(CultureInfo.InvariantCulture)) };
    }

    public string Name => "CtiCore built-in PBX (B2BUA + RTP relay + grains + CRM)";

    public int SipPort { get; }

    public int ProcessId => _server.Id;

    public string Dialled => "+74951230000";

    public string Caller => "74957770001";

    public static async Task<CtiCorePbx> StartAsync(string repository, int agents, int uasPort)
    {
        var dll = Path.Combine(repository, "src", "CtiCore.Server", "bin", "Release", "net10.0", "CtiCore.Server.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"Build the server first (dotnet build -c Release): {dll} is missing.");
        }
        var folder = Path.Combine(Path.GetTempPath(), "cticore-sipcallbench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var (sip, http) = (BenchPorts.Next(), BenchPorts.Next());
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        string[] arguments =
        [
            "exec", dll,
            "--urls", $"http://127.0.0.1:{I(http)}",
            "--Cti:DataFolder", Path.Combine(folder, "data"),
            "--Cti:Orleans:SiloPort", I(BenchPorts.Next()), "--Cti:Orleans:GatewayPort", I(BenchPorts.Next()),
            "--Cti:Admin:User", "admin", "--Cti:Admin:Password", AdminPassword,
            "--Cti:Auth:LoginAttemptsPerMinute", "100000",
            "--Cti:Sip:Enabled", "true", "--Cti:Sip:Port", I(sip),
            "--Cti:Sip:DigestAlgorithms:0", "MD5", // sipp answers MD5 challenges only
            // The per-source rate limit guards against floods; every sipp here shares one address.
            "--Cti:Sip:RateLimitPerSecond", "1000000", "--Cti:Sip:RateLimitBurst", "1000000",
            "--Cti:Sip:Rtp:PortRangeStart", I(BenchPorts.RelayFirst), "--Cti:Sip:Rtp:PortRangeEnd", I(BenchPorts.RelayLast),
            // Per-call Information lines would be file I/O Asterisk (notice and up) does not do.
            "--Serilog:MinimumLevel:Default", "Warning",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(inherited);
        }
        var process = Process.Start(start)!;
        // CTICORE_BENCH_SERVER_LOG=<file> keeps the server's console output, e.g. to count SQL statements per call.
        var log = Environment.GetEnvironmentVariable("CTICORE_BENCH_SERVER_LOG") is { Length: > 0 } logPath ? TextWriter.Synchronized(new StreamWriter(logPath)) : null;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log?.WriteLine(e.Data); };
        process.Exited += (_, _) => log?.Dispose();
        process.EnableRaisingEvents = true;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("server: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var pbx = new CtiCorePbx(process, folder, sip, http);
        try
        {
            await pbx.WaitReadyAsync();
            await pbx.ArrangeAsync(agents, uasPort);
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
        foreach (var hub in _hubs)
        {
            await hub.DisposeAsync();
        }
        if (!_server.HasExited)
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }
        _server.Dispose();
        _http.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_server.ExitCode} during start.");
            }
            try
            {
                using var response = await _http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The server did not become ready within 2 minutes.");
            }
            await Task.Delay(250);
        }
    }

    private async Task ArrangeAsync(int agents, int uasPort)
    {
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync("admin", AdminPassword));
        var department = await PostAsync("/api/departments", new { name = "Bench", numbers = new[] { Dialled }, routing = new { ringTimeoutSeconds = 10, wrapUpSeconds = 0 } });
        for (var i = 1; i <= agents; i++)
        {
            var login = AgentPhones.Login(i);
            await PostAsync("/api/users", new { login, displayName = login, password = AgentPhones.Password, role = "Agent", departmentId = department.GetProperty("id").GetInt64(), endpoints = new[] { "SIP/" + login } });
            await AgentPhones.RegisterAsync(SipPort, login, uasPort);
            var token = await TokenAsync(login, AgentPhones.Password);
            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(_http.BaseAddress!, "/hubs/agent"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .Build();
            _hubs.Add(hub);
            await hub.StartAsync();
            await hub.InvokeAsync("SetAvailable");
        }
    }

    private async Task<string> TokenAsync(string login, string password)
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };
        using var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { login, password });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    private async Task<JsonElement> PostAsync(string uri, object body)
    {
        using var response = await _http.PostAsJsonAsync(uri, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {uri} answered {(int)response.StatusCode}: {text}");
        }
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
