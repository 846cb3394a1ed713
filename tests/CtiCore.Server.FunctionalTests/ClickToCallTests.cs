using System.Net;
using System.Net.Http.Json;
using CtiCore.Server.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace CtiCore.Server.FunctionalTests;

/// <summary>
/// POST /api/calls/click-to-call without a PBX (the "pbx" sink only logs the originate): who may call whom, what is
/// refused and why. The call reaching Asterisk and being logged is in tests/CtiCore.EndToEnd.Tests.
/// </summary>
public sealed class ClickToCallTests : IAsyncLifetime
{
    private const string Path = "/api/calls/click-to-call";
    private readonly CtiServerFactory _factory = new();
    private HttpClient _admin = null!;
    private long _department;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _admin = await _factory.AdminAsync();
        _department = await Crm.DepartmentAsync(_admin, "Sales");
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Anonymous_callers_are_refused()
    {
        using var response = await _factory.CreateClient().PostAsJsonAsync(Path, new { number = Crm.MoscowNumber() }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_available_agent_calls_their_own_client_and_gets_the_call_id()
    {
        var (agent, _) = await AgentAsync("c2c.own", endpoint: "PJSIP/2001", available: true);
        var phone = Crm.MoscowNumber();
        var client = await Crm.ClientAsync(agent, "Own Client", phone);

        using var response = await agent.PostAsJsonAsync(Path, new { clientId = client.Id() }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.StartsWith("c2c-", body.Str("callId"), StringComparison.Ordinal);
        Assert.Equal(client.GetProperty("phones")[0].Str("e164"), body.Str("number"));
        Assert.Equal(client.Id(), body.GetProperty("clientId").GetInt64());
    }

    [Fact]
    public async Task A_number_is_normalized_and_linked_to_the_agents_client_that_has_it()
    {
        var (agent, _) = await AgentAsync("c2c.num", endpoint: "PJSIP/2002", available: true);
        var phone = Crm.MoscowNumber();
        var client = await Crm.ClientAsync(agent, "Numbered Client", phone);

        using var response = await agent.PostAsJsonAsync(Path, new { number = phone.Replace(" ", "", StringComparison.Ordinal) }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(client.GetProperty("phones")[0].Str("e164"), body.Str("number"));
        Assert.Equal(client.Id(), body.GetProperty("clientId").GetInt64());
    }

    [Fact]
    public async Task An_agent_may_not_call_another_agents_client_by_id_or_by_number()
    {
        var (owner, _) = await AgentAsync("c2c.owner", endpoint: "PJSIP/2003", available: false);
        var (other, _) = await AgentAsync("c2c.other", endpoint: "PJSIP/2004", available: true);
        var phone = Crm.MoscowNumber();
        var client = await Crm.ClientAsync(owner, "Not Yours", phone);

        using var byId = await other.PostAsJsonAsync(Path, new { clientId = client.Id() }, Ct);
        using var byNumber = await other.PostAsJsonAsync(Path, new { number = phone }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byNumber.StatusCode);
    }

    [Theory]
    [InlineData("not a number")]
    [InlineData("12")]
    public async Task A_bad_number_is_a_400_naming_the_field(string number)
    {
        var (agent, _) = await AgentAsync("c2c.bad" + number.Length, endpoint: "PJSIP/2005", available: false);

        using var response = await agent.PostAsJsonAsync(Path, new { number }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("number", out _));
    }

    [Fact]
    public async Task Neither_or_both_targets_is_a_400()
    {
        var (agent, _) = await AgentAsync("c2c.both", endpoint: "PJSIP/2006", available: false);
        var client = await Crm.ClientAsync(agent, "Both", Crm.MoscowNumber());

        using var neither = await agent.PostAsJsonAsync(Path, new { }, Ct);
        using var both = await agent.PostAsJsonAsync(Path, new { clientId = client.Id(), number = Crm.MoscowNumber() }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
    }

    [Fact]
    public async Task An_agent_without_a_phone_or_not_available_gets_a_409()
    {
        var (phoneless, _) = await AgentAsync("c2c.nophone", endpoint: null, available: true);
        var (loggedOut, _) = await AgentAsync("c2c.away", endpoint: "PJSIP/2007", available: false);

        using var noPhone = await phoneless.PostAsJsonAsync(Path, new { number = Crm.MoscowNumber() }, Ct);
        using var away = await loggedOut.PostAsJsonAsync(Path, new { number = Crm.MoscowNumber() }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, noPhone.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, away.StatusCode);
    }

    private async Task<(HttpClient Api, HubConnection? Hub)> AgentAsync(string login, string? endpoint, bool available)
    {
        await _admin.PostOkAsync("/api/users", new
        {
            login,
            displayName = login,
            password = Crm.AgentPassword,
            role = "Agent",
            departmentId = _department,
            endpoints = endpoint is null ? Array.Empty<string>() : [endpoint],
        });
        var api = await _factory.LoginWithTokenAsync(login, Crm.AgentPassword);
        if (!available)
        {
            return (api, null);
        }

        var hub = _factory.Hub("/hubs/agent", await _factory.TokenAsync(login, Crm.AgentPassword));
        await hub.StartAsync(Ct);
        await hub.InvokeAsync("SetAvailable", Ct);
        return (api, hub);
    }
}
