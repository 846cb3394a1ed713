using System.Net.Http.Headers;
using System.Net.Http.Json;
using CtiCore.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Server.FunctionalTests.Infrastructure;

/// <summary>The real server in-process: its own temp data folder (a real SQLite file), its own silo ports.</summary>
public sealed class CtiServerFactory : WebApplicationFactory<Program>
{
    public const string AdminLogin = "root";
    public const string AdminPassword = "Admin-Passw0rd!";

    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, string?> _settings;

    public CtiServerFactory(IDictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Cti:DataFolder"] = Path.Combine(_folder.Path, "data"),
            ["Cti:Orleans:SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cti:Orleans:GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The built-in PBX is the product default, but most tests drive the PBX-neutral events themselves and
            // assert on the logging sink; SipPbxTests turn it on, on a port of their own.
            ["Cti:Sip:Enabled"] = "false",
            ["Cti:Sip:Port"] = "0", // never 5060, should a test enable the PBX
            ["Cti:Admin:User"] = AdminLogin,
            ["Cti:Admin:Password"] = AdminPassword,

            // Every test logs in; in-process requests all come from one (absent) address.
            ["Cti:Auth:LoginAttemptsPerMinute"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DataFolder => _settings?["Cti:DataFolder"] ?? Path.Combine(_folder.Path, "data");

    public string LogFolder => Path.Combine(DataFolder, "logs");

    public async Task<HttpClient> LoginWithTokenAsync(string login, string password)
    {
        var anonymous = CreateClient();
        using var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { login, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenBody>();
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return anonymous;
    }

    public Task<HttpClient> AdminAsync() => LoginWithTokenAsync(AdminLogin, AdminPassword);

    /// <summary>Direct database access, for arranging what the API cannot create (interactions come from calls).</summary>
    public async Task WithDbAsync(Func<CrmDbContext, Task> action)
    {
        var contexts = Services.GetRequiredService<IDbContextFactory<CrmDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        await action(db);
    }

    public string ReadLogs()
    {
        if (!Directory.Exists(LogFolder))
        {
            return string.Empty;
        }

        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.GetFiles(LogFolder))
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

        // Host settings reach the program as command-line arguments, so they are visible while services are
        // registered (the data folder and silo ports are read at that point).
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
            _folder.Dispose();
        }
    }

    private sealed record TokenBody(string AccessToken);
}
