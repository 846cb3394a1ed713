using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CtiCore.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.EndToEnd.Tests.Harness;

/// <summary>
/// The real server in-process on Kestrel (FastAGI needs a real socket: Asterisk connects to it), with its own SQLite
/// file in a temp folder, its own silo ports, and Cti:Asterisk enabled against the sandbox (AMI through whatever
/// port the caller gives, e.g. a <see cref="CtiCore.Testing.TcpRelay"/>).
/// </summary>
public sealed class CtiServerHost : WebApplicationFactory<Program>
{
    public const string AdminLogin = "root";
    public const string AdminPassword = "Admin-Passw0rd!";

    private readonly Dictionary<string, string?> _settings;

    /// <param name="dataFolder">Where the SQLite file and logs go.</param>
    /// <param name="agiPort">FastAGI port, the one the sandbox's dialplan was configured with.</param>
    /// <param name="amiPort">Where the AMI client connects.</param>
    /// <param name="settings">Overrides of any setting.</param>
    public CtiServerHost(string dataFolder, int agiPort, int amiPort, IDictionary<string, string?>? settings = null)
    {
        HttpPort = EndToEndPorts.Next();
        AgiPort = agiPort;
        DataFolder = dataFolder;
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = "http://127.0.0.1:" + HttpPort.ToString(CultureInfo.InvariantCulture),
            ["Cti:DataFolder"] = dataFolder,
            ["Cti:Orleans:SiloPort"] = EndToEndPorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Cti:Orleans:GatewayPort"] = EndToEndPorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Cti:Admin:User"] = AdminLogin,
            ["Cti:Admin:Password"] = AdminPassword,
            ["Cti:Auth:LoginAttemptsPerMinute"] = "100000",
            ["Cti:Asterisk:Enabled"] = "true",
            ["Cti:Asterisk:AgiPort"] = AgiPort.ToString(CultureInfo.InvariantCulture),
            ["Cti:Asterisk:Ami:Host"] = "127.0.0.1",
            ["Cti:Asterisk:Ami:Port"] = amiPort.ToString(CultureInfo.InvariantCulture),
            ["Cti:Asterisk:Ami:Username"] = AsteriskSandbox.AmiUser,
            ["Cti:Asterisk:Ami:Secret"] = AsteriskSandbox.AmiSecret,
            // A cut link should come back within a second or two, not the production 30 s ceiling.
            ["Cti:Asterisk:Ami:ReconnectMinDelay"] = "00:00:00.200",
            ["Cti:Asterisk:Ami:ReconnectMaxDelay"] = "00:00:01",
            // What each call event did to its call, in the server log of the work folder (CTICORE_E2E_KEEP=1).
            ["Serilog:MinimumLevel:Override:CtiCore"] = "Debug",
            ["Serilog:MinimumLevel:Override:CtiCore.Telephony"] = "Verbose",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel();
    }

    public int HttpPort { get; }

    public int AgiPort { get; }

    public string DataFolder { get; }

    public Uri BaseAddress => new("http://127.0.0.1:" + HttpPort.ToString(CultureInfo.InvariantCulture));

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    public async Task<(HttpClient Client, string Token)> LoginAsync(string login, string password)
    {
        var client = Anonymous();
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { login, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, token);
    }

    /// <summary>Reads the CRM database directly, to assert what calls wrote.</summary>
    public async Task<T> QueryAsync<T>(Func<CrmDbContext, Task<T>> query)
    {
        var contexts = Services.GetRequiredService<IDbContextFactory<CrmDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await query(db);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    private sealed record TokenBody(string AccessToken);
}
