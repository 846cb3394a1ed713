using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CtiCore.Server.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CtiCore.Server.FunctionalTests;

public sealed class AuthTests(SharedServer server) : IClassFixture<SharedServer>
{
    private CtiServerFactory Factory => server.Factory;

    [Theory]
    [InlineData("/api/clients")]
    [InlineData("/api/auth/me")]
    [InlineData("/api/interactions")]
    [InlineData("/openapi/v1.json")]
    public async Task Without_authentication_the_api_answers_401_not_a_redirect(string path)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Cookie_login_then_me_then_logout()
    {
        var browser = Factory.CreateClient();
        using (var login = await browser.PostAsJsonAsync("/api/auth/login", new { login = CtiServerFactory.AdminLogin, password = CtiServerFactory.AdminPassword }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cticore.auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        }

        var me = await browser.GetJsonAsync("/api/auth/me");
        Assert.Equal(CtiServerFactory.AdminLogin, me.Str("login"));
        Assert.Equal("Admin", me.Str("role"));

        using (var logout = await browser.PostAsync("/api/auth/logout", null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var after = await browser.GetAsync("/api/auth/me", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Bearer_token_authenticates_and_a_forged_one_does_not()
    {
        var api = await Factory.AdminAsync();
        var me = await api.GetJsonAsync("/api/auth/me");
        Assert.Equal(CtiServerFactory.AdminLogin, me.Str("login"));

        var token = api.DefaultRequestHeaders.Authorization!.Parameter!;
        var forged = Factory.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token[..^4] + "AAAA");
        using var response = await forged.GetAsync("/api/auth/me", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_is_401_problem_and_sets_no_cookie()
    {
        var browser = Factory.CreateClient();
        using var response = await browser.PostAsJsonAsync("/api/auth/login", new { login = CtiServerFactory.AdminLogin, password = "wrong-password" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_deactivated_users_token_stops_working_at_once()
    {
        var admin = await Factory.AdminAsync();
        var login = Crm.Unique("gone");
        var id = await Crm.UserAsync(admin, login, "Agent", null);
        var agent = await Factory.LoginWithTokenAsync(login, Crm.AgentPassword);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/auth/me", TestContext.Current.CancellationToken)).StatusCode);

        using var update = await admin.PutAsJsonAsync($"/api/users/{id}", new { login, displayName = login, role = "Agent", isActive = false }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.GetAsync("/api/auth/me", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task An_agent_may_not_manage_users()
    {
        var admin = await Factory.AdminAsync();
        var login = Crm.Unique("agent");
        await Crm.UserAsync(admin, login, "Agent", null);
        var agent = await Factory.LoginWithTokenAsync(login, Crm.AgentPassword);
        using var response = await agent.GetAsync("/api/users", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Users_change_their_own_password()
    {
        var admin = await Factory.AdminAsync();
        var login = Crm.Unique("pw");
        await Crm.UserAsync(admin, login, "Agent", null);
        var agent = await Factory.LoginWithTokenAsync(login, Crm.AgentPassword);

        using var wrong = await agent.PutAsJsonAsync("/api/auth/password", new { currentPassword = "nope-nope", newPassword = "New-Passw0rd!" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.ReadJsonAsync()).GetProperty("errors").TryGetProperty("currentPassword", out _));

        using var changed = await agent.PutAsJsonAsync("/api/auth/password", new { currentPassword = Crm.AgentPassword, newPassword = "New-Passw0rd!" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        _ = await Factory.LoginWithTokenAsync(login, "New-Passw0rd!");
    }
}
