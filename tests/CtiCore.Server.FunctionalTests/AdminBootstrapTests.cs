using System.Net;
using System.Net.Http.Json;
using CtiCore.Server.FunctionalTests.Infrastructure;

namespace CtiCore.Server.FunctionalTests;

public sealed class AdminBootstrapTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_configured_first_admin_can_log_in_and_a_later_start_keeps_the_existing_admin()
    {
        using var folder = new TempFolder();
        var dataFolder = Path.Combine(folder.Path, "data");
        await using (var first = new CtiServerFactory(new Dictionary<string, string?> { ["Cti:DataFolder"] = dataFolder, ["Cti:Admin:User"] = "boss", ["Cti:Admin:Password"] = "First-Passw0rd" }))
        {
            var boss = await first.LoginWithTokenAsync("boss", "First-Passw0rd");
            Assert.Equal("Admin", (await boss.GetJsonAsync("/api/auth/me")).Str("role"));
        }

        // An admin exists now: other bootstrap settings must neither add a user nor reset the password.
        await using var second = new CtiServerFactory(new Dictionary<string, string?> { ["Cti:DataFolder"] = dataFolder, ["Cti:Admin:User"] = "intruder", ["Cti:Admin:Password"] = "Other-Passw0rd" });
        var again = await second.LoginWithTokenAsync("boss", "First-Passw0rd");
        var admins = await again.GetJsonAsync("/api/users?role=Admin");
        Assert.Equal(1, admins.GetProperty("total").GetInt32());
        using var intruder = await second.CreateClient().PostAsJsonAsync("/api/auth/token", new { login = "intruder", password = "Other-Passw0rd" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, intruder.StatusCode);
    }

    [Fact]
    public async Task A_token_survives_a_restart_because_the_generated_signing_key_is_kept_in_the_data_folder()
    {
        using var folder = new TempFolder();
        var settings = new Dictionary<string, string?> { ["Cti:DataFolder"] = Path.Combine(folder.Path, "data") };
        string token;
        await using (var first = new CtiServerFactory(settings))
        {
            token = (await first.AdminAsync()).DefaultRequestHeaders.Authorization!.Parameter!;
            Assert.True(File.Exists(Path.Combine(first.DataFolder, "jwt-signing.key")));
            Assert.DoesNotContain(File.ReadAllText(Path.Combine(first.DataFolder, "jwt-signing.key")).Trim(), first.ReadLogs(), StringComparison.Ordinal);
        }

        await using var second = new CtiServerFactory(settings);
        var client = second.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_last_active_admin_cannot_demote_or_deactivate_themselves()
    {
        await using var server = new CtiServerFactory();
        var admin = await server.AdminAsync();
        var me = await admin.GetJsonAsync("/api/auth/me");
        using var demote = await admin.PutAsJsonAsync($"/api/users/{me.Id()}", new { login = CtiServerFactory.AdminLogin, displayName = "x", role = "Agent" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
        Assert.True((await demote.ReadJsonAsync()).GetProperty("errors").TryGetProperty("role", out _));
        Assert.Equal("Admin", (await admin.GetJsonAsync("/api/auth/me")).Str("role"));
    }

    [Fact]
    public async Task Password_guessing_is_slowed_to_the_configured_attempts_per_minute()
    {
        await using var server = new CtiServerFactory(new Dictionary<string, string?> { ["Cti:Auth:LoginAttemptsPerMinute"] = "3" });
        var client = server.CreateClient();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/auth/token", new { login = CtiServerFactory.AdminLogin, password = $"guess-{i}" }, Ct);
            codes.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], codes);
    }
}
