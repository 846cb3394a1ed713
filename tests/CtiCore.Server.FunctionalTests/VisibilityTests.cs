using System.Net;
using CtiCore.Domain.Crm;
using CtiCore.Server.FunctionalTests.Infrastructure;

namespace CtiCore.Server.FunctionalTests;

/// <summary>
/// Sales: agents A and B, supervisor S. Support: agent C. Each agent owns one client; A also talked to C's client.
/// Own server: the assertions count exact sets, so no other test's data may appear.
/// </summary>
public sealed class VisibilityTests : IAsyncLifetime
{
    private readonly CtiServerFactory _factory = new();
    private HttpClient _admin = null!;
    private HttpClient _a = null!;
    private HttpClient _b = null!;
    private HttpClient _s = null!;
    private HttpClient _c = null!;
    private long _clientA, _clientB, _clientC;
    private long _callA, _callB, _callC, _callAWithC;
    private string _phoneB = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _admin = await _factory.AdminAsync();
        var sales = await Crm.DepartmentAsync(_admin, "Sales");
        var support = await Crm.DepartmentAsync(_admin, "Support");
        var a = await Crm.UserAsync(_admin, "agent.a", "Agent", sales);
        var b = await Crm.UserAsync(_admin, "agent.b", "Agent", sales);
        await Crm.UserAsync(_admin, "super.s", "Supervisor", sales);
        var c = await Crm.UserAsync(_admin, "agent.c", "Agent", support);
        _a = await _factory.LoginWithTokenAsync("agent.a", Crm.AgentPassword);
        _b = await _factory.LoginWithTokenAsync("agent.b", Crm.AgentPassword);
        _s = await _factory.LoginWithTokenAsync("super.s", Crm.AgentPassword);
        _c = await _factory.LoginWithTokenAsync("agent.c", Crm.AgentPassword);

        _clientA = (await Crm.ClientAsync(_a, "Client of A", Crm.MoscowNumber())).Id();
        _phoneB = Crm.MoscowNumber();
        _clientB = (await Crm.ClientAsync(_b, "Client of B", _phoneB)).Id();
        _clientC = (await Crm.ClientAsync(_c, "Client of C", Crm.MoscowNumber())).Id();

        await _factory.WithDbAsync(async db =>
        {
            var calls = new[]
            {
                Call("a", a, _clientA, null), Call("b", b, _clientB, null), Call("c", c, _clientC, support), Call("a-c", a, _clientC, support),
            };
            calls[^1].RoutingReason = "responsible manager agent.c busy → longest idle: agent.a";
            db.Interactions.AddRange(calls);
            await db.SaveChangesAsync(Ct);
            (_callA, _callB, _callC, _callAWithC) = (calls[0].Id, calls[1].Id, calls[2].Id, calls[3].Id);
        });
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task An_agent_sees_own_clients_and_clients_they_talked_to_only()
    {
        Assert.Equal(Sorted(_clientA, _clientC), Sorted([.. (await _a.GetJsonAsync("/api/clients")).ItemIds()]));
        Assert.Equal(HttpStatusCode.NotFound, (await _a.GetAsync($"/api/clients/{_clientB}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _a.GetAsync($"/api/clients/lookup?phone={Uri.EscapeDataString(_phoneB)}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _a.GetAsync($"/api/clients/{_clientB}/contacts", Ct)).StatusCode);
        Assert.Equal([_clientB], (await _b.GetJsonAsync("/api/clients")).ItemIds());
    }

    [Fact]
    public async Task An_agent_cannot_change_another_agents_client()
    {
        using var response = await _a.PutAsync($"/api/clients/{_clientB}", System.Net.Http.Json.JsonContent.Create(new { name = "taken over" }), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Client of B", (await _b.GetJsonAsync($"/api/clients/{_clientB}")).Str("name"));
    }

    [Fact]
    public async Task An_agent_sees_only_own_interactions()
    {
        Assert.Equal(Sorted(_callA, _callAWithC), Sorted([.. (await _a.GetJsonAsync("/api/interactions")).ItemIds()]));
        Assert.Equal(HttpStatusCode.NotFound, (await _a.GetAsync($"/api/interactions/{_callB}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_supervisor_sees_the_departments_clients_and_interactions()
    {
        Assert.Equal(Sorted(_clientA, _clientB, _clientC), Sorted([.. (await _s.GetJsonAsync("/api/clients")).ItemIds()]));
        Assert.Equal(Sorted(_callA, _callB, _callAWithC), Sorted([.. (await _s.GetJsonAsync("/api/interactions")).ItemIds()]));
        Assert.Equal(HttpStatusCode.NotFound, (await _s.GetAsync($"/api/interactions/{_callC}", Ct)).StatusCode);
        Assert.Equal([_clientC], (await _c.GetJsonAsync("/api/clients")).ItemIds());
    }

    [Fact]
    public async Task An_admin_sees_everything_and_filters_interactions_by_client_agent_and_period()
    {
        Assert.Equal(3, (await _admin.GetJsonAsync("/api/clients")).GetProperty("total").GetInt32());
        Assert.Equal(4, (await _admin.GetJsonAsync("/api/interactions")).GetProperty("total").GetInt32());
        Assert.Equal(Sorted(_callC, _callAWithC), Sorted([.. (await _admin.GetJsonAsync($"/api/interactions?clientId={_clientC}")).ItemIds()]));

        var agentA = (await _a.GetJsonAsync("/api/auth/me")).Id();
        Assert.Equal(Sorted(_callA, _callAWithC), Sorted([.. (await _admin.GetJsonAsync($"/api/interactions?agentId={agentA}")).ItemIds()]));

        // Calls were offered on 2026-03-0{1..4} 10:00 UTC; [03-02, 03-04) holds the second and the third.
        var period = await _admin.GetJsonAsync("/api/interactions?from=2026-03-02T00:00:00%2B00:00&to=2026-03-04T00:00:00%2B00:00");
        Assert.Equal(Sorted(_callB, _callC), Sorted([.. period.ItemIds()]));

        var detail = await _admin.GetJsonAsync($"/api/interactions/{_callAWithC}");
        Assert.Equal("responsible manager agent.c busy → longest idle: agent.a", detail.Str("routingReason"));
    }

    private static int _day;

    private static Interaction Call(string key, long agentId, long clientId, long? departmentId) => new()
    {
        CallKey = $"call-{key}",
        AgentId = agentId,
        ClientId = clientId,
        DepartmentId = departmentId,
        Direction = CallDirection.Inbound,
        Outcome = CallOutcome.Answered,
        OfferedAt = new DateTimeOffset(2026, 3, 1 + (Interlocked.Increment(ref _day) - 1) % 4, 10, 0, 0, TimeSpan.Zero),
    };

    private static List<long> Sorted(params long[] ids) => [.. ids.Order()];
}
