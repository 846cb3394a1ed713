using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CtiCore.Data;
using CtiCore.Sip.B2bua;
using CtiCore.Sip.Endpoint;
using CtiCore.Sip.Registrar;
using CtiCore.Sip.Rtp;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Softphone.Tests.Harness;

/// <summary>
/// The real server in-process with the built-in PBX on (SIP on a port of this project's range, the RTP relay on
/// 46900-46999), its own SQLite file and logs in a temp folder. A call's relay counters are read from the B2BUA by
/// the call's key (<see cref="MediaCounters"/>).
/// </summary>
public sealed class SoftphoneServer : WebApplicationFactory<Program>
{
    public const string AdminLogin = "root";
    public const string AdminPassword = "Admin-Passw0rd!";

    private readonly Dictionary<string, string?> _settings;

    public SoftphoneServer()
    {
        Folder = Path.Combine(Path.GetTempPath(), "cticore-softphone-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Cti:DataFolder"] = Path.Combine(Folder, "data"),
            ["Cti:Orleans:SiloPort"] = Port(SoftphonePorts.Next()),
            ["Cti:Orleans:GatewayPort"] = Port(SoftphonePorts.Next()),
            ["Cti:Admin:User"] = AdminLogin,
            ["Cti:Admin:Password"] = AdminPassword,
            ["Cti:Auth:LoginAttemptsPerMinute"] = "100000",
            ["Cti:Sip:Enabled"] = "true",
            ["Cti:Sip:Port"] = Port(SoftphonePorts.Next()),
            // Debian 12's baresip (libre 1.x) gives up on a SHA-256 challenge instead of answering the MD5 one
            // next to it ("Function not implemented"), so this suite offers MD5 only (docs: the built-in PBX).
            ["Cti:Sip:DigestAlgorithms:0"] = "MD5",
            ["Cti:Sip:AnchorMedia"] = "true",
            ["Cti:Sip:Rtp:PortRangeStart"] = Port(SoftphonePorts.RelayFirst),
            ["Cti:Sip:Rtp:PortRangeEnd"] = Port(SoftphonePorts.RelayLast),
        };
    }

    /// <summary>The temp folder of this server: data, logs, and the softphones' configuration folders.</summary>
    public string Folder { get; }

    public IPEndPoint SipEndPoint => Services.GetRequiredService<SipEndpoint>().UdpEndPoint
        ?? throw new InvalidOperationException("the built-in PBX is not listening");

    public SipRegistrar Registrar => Services.GetRequiredService<SipEndpoint>().Registrar;

    /// <summary>What the RTP relay counted for the call (live, or final once <see cref="RtpSessionCounters.Closed"/>); null if it had no relayed media.</summary>
    public RtpSessionCounters? MediaCounters(string callKey) =>
        Services.GetRequiredService<SipB2bua>().TryGetMediaCounters(callKey, out var counters) ? counters : null;

    public async Task<string> TokenAsync(string login, string password)
    {
        using var anonymous = CreateClient();
        using var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { login, password });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    public async Task<HttpClient> AdminAsync()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(AdminLogin, AdminPassword));
        return client;
    }

    /// <summary>The agent desktop's hub over long polling (TestServer has no sockets).</summary>
    public HubConnection AgentHub(string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, "/hubs/agent"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();

    public async Task<T> QueryAsync<T>(Func<CrmDbContext, Task<T>> query)
    {
        var contexts = Services.GetRequiredService<IDbContextFactory<CrmDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>Everything the server logged so far (the file sink writes through; shared read while it writes).</summary>
    public string ReadLogs()
    {
        var folder = Path.Combine(Folder, "data", "logs");
        if (!Directory.Exists(folder))
        {
            return string.Empty;
        }
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.GetFiles(folder))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text.Append(reader.ReadToEnd());
        }
        return text.ToString();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // A log file still held by a stopping host; the OS temp cleaner gets it.
            }
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
