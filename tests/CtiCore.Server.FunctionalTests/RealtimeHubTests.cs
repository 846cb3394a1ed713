using System.Collections.Concurrent;
using System.Text.Json;
using CtiCore.Abstractions.Telephony;
using CtiCore.Domain.Telephony;
using CtiCore.Server.FunctionalTests.Infrastructure;
using CtiCore.Server.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Server.FunctionalTests;

/// <summary>
/// The agent and supervisor hubs over the real server: calls are injected as PBX-neutral events into the grains'
/// dispatcher, pops arrive through the per-silo bridge. Own server: the routing must see exactly these agents.
/// </summary>
public sealed class RealtimeHubTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly CtiServerFactory _factory = new();
    private readonly List<HubConnection> _connections = [];
    private readonly List<AgentClient> _agents = [];
    private HttpClient _admin = null!;
    private long _agentA, _agentB, _sales;
    private string _salesNumber = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _admin = await _factory.AdminAsync();
        _salesNumber = Crm.MoscowNumber();
        _sales = (await _admin.PostOkAsync("/api/departments", new { name = "Sales", numbers = new[] { _salesNumber } })).Id();
        _agentA = (await _admin.PostOkAsync("/api/users", new { login = "hub.a", displayName = "Anna", password = Crm.AgentPassword, role = "Agent", departmentId = _sales, extension = "2001" })).Id();
        _agentB = (await _admin.PostOkAsync("/api/users", new { login = "hub.b", displayName = "Boris", password = Crm.AgentPassword, role = "Agent", departmentId = _sales, extension = "2002" })).Id();
        await Crm.UserAsync(_admin, "hub.s", "Supervisor", _sales);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        await _factory.DisposeAsync();
        _agents.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task Agent_A_never_receives_agent_B_pop()
    {
        var clientPhone = Crm.MoscowNumber();
        var client = await _admin.PostOkAsync("/api/clients", new { name = "Vostok Trade", segment = "Key", region = "Primorsky", timeZone = "Asia/Vladivostok", phones = new[] { new { number = clientPhone } } });
        var a = await AgentAsync("hub.a");
        var b = await AgentAsync("hub.b");

        await a.Connection.InvokeAsync("SetAvailable", Ct);
        await OfferAsync("call-a", clientPhone);
        var popA = await a.NextPopAsync("call-a");
        Assert.Equal("ringing", popA.GetProperty("stage").GetString());
        Assert.Equal(client.Id(), popA.GetProperty("client").GetProperty("id").GetInt64());
        Assert.Equal("Vostok Trade", popA.GetProperty("client").GetProperty("name").GetString());
        Assert.False(popA.GetProperty("isNewClient").GetBoolean());
        Assert.NotEqual(string.Empty, popA.GetProperty("routingReason").GetString());

        // A is ringing, so B — now available — gets the next call.
        await b.Connection.InvokeAsync("SetAvailable", Ct);
        await OfferAsync("call-b", Crm.MoscowNumber());
        var popB = await b.NextPopAsync("call-b");
        Assert.True(popB.GetProperty("isNewClient").GetBoolean());

        // The bridge pushes in order: once B has its pop, everything about call-a was sent long before.
        Assert.All(a.Pops, p => Assert.Equal("call-a", p.GetProperty("callId").GetString()));
        Assert.All(b.Pops, p => Assert.Equal("call-b", p.GetProperty("callId").GetString()));

        // The snapshot (reconnect / gap recovery) carries the ringing pop and the latest sequence number.
        var snapshot = await a.Connection.InvokeAsync<JsonElement>("GetSnapshot", Ct);
        Assert.Equal("call-a", snapshot.GetProperty("pop").GetProperty("callId").GetString());
        Assert.True(snapshot.GetProperty("sequence").GetInt64() >= popA.GetProperty("sequence").GetInt64());

        // Answer and hang up: the pop follows, and the wrap-up lands on the Interaction.
        await PublishAsync(new CallAnswered { EventId = "call-a:answered", Source = "test", Sequence = 3, OccurredAt = DateTimeOffset.UtcNow, CallId = "call-a", Endpoint = "2001" });
        Assert.Equal("talking", (await a.NextPopAsync("call-a", "talking")).GetProperty("stage").GetString());
        await PublishAsync(new CallEnded { EventId = "call-a:ended", Source = "test", Sequence = 4, OccurredAt = DateTimeOffset.UtcNow, CallId = "call-a", Cause = CallEndCause.AgentHungUp });
        var ended = await a.NextPopAsync("call-a", "ended");
        var interactionId = await a.Connection.InvokeAsync<long>("SubmitWrapUp", new { callId = "call-a", disposition = "Order", notes = "Wants 20 pallets", followUpTitle = "Send invoice" }, Ct);
        Assert.Equal(ended.GetProperty("interactionId").GetInt64(), interactionId);
        var interaction = await _admin.GetJsonAsync($"/api/interactions/{interactionId}");
        Assert.Equal("Order", interaction.GetProperty("disposition").GetString());
        Assert.Equal("Wants 20 pallets", interaction.GetProperty("notes").GetString());
    }

    [Fact]
    public async Task Answer_hold_and_resume_reach_the_pbx_and_the_pop_shows_the_hold()
    {
        var pbx = (LoggingPbxCommandSink)_factory.Services.GetRequiredKeyedService<ITelephonyCommandSink>(RealtimeHostingExtensions.PbxCommandSinkKey);
        var a = await AgentAsync("hub.a");
        var b = await AgentAsync("hub.b");
        await a.Connection.InvokeAsync("SetAvailable", Ct);

        // Without a PBX adapter every command is accepted (logged); the Asterisk sink refuses Answer (its own test).
        var controls = await a.Connection.InvokeAsync<JsonElement>("GetCallControls", Ct);
        Assert.True(controls.GetProperty("hold").GetBoolean());
        Assert.True(controls.GetProperty("answer").GetBoolean());

        await OfferAsync("call-h", Crm.MoscowNumber());
        await a.NextPopAsync("call-h");
        await a.Connection.InvokeAsync("Answer", "call-h", Ct);
        var answer = Assert.Single(pbx.Sent.OfType<AnswerCommand>());
        Assert.Equal("call-h", answer.CallId);

        await PublishAsync(new CallAnswered { EventId = "call-h:answered", Source = "test", Sequence = 3, OccurredAt = DateTimeOffset.UtcNow, CallId = "call-h", Endpoint = "2001" });
        Assert.False((await a.NextPopAsync("call-h", "talking")).GetProperty("onHold").GetBoolean());

        // Another agent cannot hold this call.
        await Assert.ThrowsAsync<HubException>(() => b.Connection.InvokeAsync("Hold", "call-h", Ct));
        Assert.Empty(pbx.Sent.OfType<HoldCommand>());

        await a.Connection.InvokeAsync("Hold", "call-h", Ct);
        Assert.Equal("call-h", Assert.Single(pbx.Sent.OfType<HoldCommand>()).CallId);

        // The PBX confirms; the pop shows the hold, then its end.
        await PublishAsync(new CallHeld { EventId = "call-h:held", Source = "test", Sequence = 5, OccurredAt = DateTimeOffset.UtcNow, CallId = "call-h" });
        await a.WaitForPopAsync(p => p.GetProperty("callId").GetString() == "call-h" && p.GetProperty("onHold").GetBoolean());
        await a.Connection.InvokeAsync("Resume", "call-h", Ct);
        Assert.Equal("call-h", Assert.Single(pbx.Sent.OfType<ResumeCommand>()).CallId);
        var heldSequence = a.Pops.Max(p => p.GetProperty("sequence").GetInt64());
        await PublishAsync(new CallResumed { EventId = "call-h:resumed", Source = "test", Sequence = 6, OccurredAt = DateTimeOffset.UtcNow, CallId = "call-h" });
        await a.WaitForPopAsync(p => p.GetProperty("sequence").GetInt64() > heldSequence && !p.GetProperty("onHold").GetBoolean() && p.GetProperty("stage").GetString() == "talking");
    }

    [Fact]
    public async Task An_unauthenticated_connection_is_refused()
    {
        var anonymous = _factory.Hub("/hubs/agent", token: null);
        _connections.Add(anonymous);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync(Ct));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);

        var forged = _factory.Hub("/hubs/agent", token: "not-a-token");
        _connections.Add(forged);
        await Assert.ThrowsAsync<HttpRequestException>(() => forged.StartAsync(Ct));
    }

    [Fact]
    public async Task An_agent_cannot_open_the_supervisor_hub()
    {
        var token = await _factory.TokenAsync("hub.a", Crm.AgentPassword);
        var hub = _factory.Hub("/hubs/supervisor", token);
        _connections.Add(hub);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync(Ct));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task The_supervisor_sees_an_agent_state_change_and_can_force_a_pause()
    {
        using var supervisor = await SupervisorAsync("hub.s");

        var table = await supervisor.Connection.InvokeAsync<JsonElement>("GetAgents", Ct);
        Assert.Contains(table.EnumerateArray(), r => r.GetProperty("agentId").GetInt64() == _agentB && r.GetProperty("status").GetString() == "LoggedOut");

        var b = await AgentAsync("hub.b");
        await b.Connection.InvokeAsync("SetAvailable", Ct);
        await supervisor.AgentRowAsync(r => r.GetProperty("agentId").GetInt64() == _agentB && r.GetProperty("status").GetString() == "Available");

        await supervisor.Connection.InvokeAsync("ForcePause", _agentB, "coaching", Ct);
        await supervisor.AgentRowAsync(r => r.GetProperty("agentId").GetInt64() == _agentB && r.GetProperty("status").GetString() == "Paused" && r.GetProperty("pauseReason").GetString() == "coaching");

        // The agent's own desktop hears about it too; its message may land after the supervisor's.
        await b.NextStateAsync("Paused");
        _ = _agentA;
    }

    [Fact]
    public async Task The_end_of_wrap_up_that_only_the_agents_own_timer_knows_of_reaches_the_supervisor_and_the_desk()
    {
        var supportNumber = Crm.MoscowNumber();
        var support = (await _admin.PostOkAsync("/api/departments", new { name = "Support", numbers = new[] { supportNumber }, routing = new { wrapUpSeconds = 1 } })).Id();
        var vera = (await _admin.PostOkAsync("/api/users", new { login = "hub.v", displayName = "Vera", password = Crm.AgentPassword, role = "Agent", departmentId = support, extension = "2003" })).Id();
        await Crm.UserAsync(_admin, "hub.sv", "Supervisor", support);
        using var supervisor = await SupervisorAsync("hub.sv");
        var v = await AgentAsync("hub.v");
        await v.Connection.InvokeAsync("SetAvailable", Ct);
        await PublishAsync(new CallOffered { EventId = "call-w:offered", Source = "test", Sequence = 1, OccurredAt = DateTimeOffset.UtcNow, CallId = "call-w", CallerNumber = Crm.MoscowNumber(), DialledNumber = supportNumber });
        await v.NextPopAsync("call-w");
        await PublishAsync(new CallAnswered { EventId = "call-w:answered", Source = "test", Sequence = 2, OccurredAt = DateTimeOffset.UtcNow, CallId = "call-w", Endpoint = "2003" });
        await PublishAsync(new CallEnded { EventId = "call-w:ended", Source = "test", Sequence = 3, OccurredAt = DateTimeOffset.UtcNow, CallId = "call-w", Cause = CallEndCause.CallerHungUp });
        await supervisor.AgentRowAsync(r => r.GetProperty("agentId").GetInt64() == vera && r.GetProperty("status").GetString() == "WrapUp");
        supervisor.ForgetRows();

        // No event and no desk action follows: the second of wrap-up ends on the agent grain's timer alone.
        await supervisor.AgentRowAsync(r => r.GetProperty("agentId").GetInt64() == vera && r.GetProperty("status").GetString() == "Available");
        await v.NextStateAsync("Available");
    }

    [Fact]
    public async Task The_supervisor_sees_why_an_available_agent_whose_phone_was_busy_gets_no_call()
    {
        using var supervisor = await SupervisorAsync("hub.s");
        var b = await AgentAsync("hub.b");
        await b.Connection.InvokeAsync("SetAvailable", Ct);
        await OfferAsync("call-busy", Crm.MoscowNumber());
        await b.NextPopAsync("call-busy");

        // The phone answers busy (486): Boris stays available, and the row says until when no call is offered to him.
        await PublishAsync(new CallRingFailed { EventId = "call-busy:ringfailed", Source = "test", Sequence = 2, OccurredAt = DateTimeOffset.UtcNow, CallId = "call-busy", Cause = CallEndCause.Busy, Reason = RingFailureReason.Busy, PbxCauseCode = 486 });
        await supervisor.AgentRowAsync(r => r.GetProperty("agentId").GetInt64() == _agentB && r.GetProperty("status").GetString() == "Available"
            && r.GetProperty("ringCooldownUntil").ValueKind == JsonValueKind.String);
        var table = await supervisor.Connection.InvokeAsync<JsonElement>("GetAgents", Ct);
        var boris = Assert.Single(table.EnumerateArray(), r => r.GetProperty("agentId").GetInt64() == _agentB);
        Assert.Equal("Available", boris.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, boris.GetProperty("ringCooldownUntil").ValueKind); // the department's 30 s are not over
        Assert.Equal(0, boris.GetProperty("missedCallsToday").GetInt32());
    }

    /// <summary>A supervisor's hub connection, recording every agent row it is pushed.</summary>
    private async Task<SupervisorRows> SupervisorAsync(string login)
    {
        var connection = _factory.Hub("/hubs/supervisor", await _factory.TokenAsync(login, Crm.AgentPassword));
        _connections.Add(connection);
        var supervisor = new SupervisorRows(connection);
        await connection.StartAsync(Ct);
        return supervisor;
    }

    private sealed class SupervisorRows : IDisposable
    {
        private readonly ConcurrentQueue<JsonElement> _rows = new();
        private readonly SemaphoreSlim _changed = new(0);

        public SupervisorRows(HubConnection connection)
        {
            Connection = connection;
            connection.On<JsonElement>("AgentChanged", row =>
            {
                _rows.Enqueue(row);
                _changed.Release();
            });
        }

        public HubConnection Connection { get; }

        /// <summary>Waits until a pushed row matches.</summary>
        public async Task AgentRowAsync(Func<JsonElement, bool> match)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(Patience);
            while (!_rows.Any(match))
            {
                await _changed.WaitAsync(timeout.Token);
            }
        }

        /// <summary>Rows pushed so far no longer count for <see cref="AgentRowAsync"/>.</summary>
        public void ForgetRows() => _rows.Clear();

        public void Dispose() => _changed.Dispose();
    }

    private Task OfferAsync(string callId, string from) =>
        PublishAsync(new CallOffered { EventId = callId + ":offered", Source = "test", Sequence = 1, OccurredAt = DateTimeOffset.UtcNow, CallId = callId, CallerNumber = from, DialledNumber = _salesNumber });

    private Task PublishAsync(TelephonyEvent telephonyEvent) =>
        _factory.Services.GetRequiredService<ITelephonyEventSink>().PublishAsync(telephonyEvent, Ct);

    private async Task<AgentClient> AgentAsync(string login)
    {
        var token = await _factory.TokenAsync(login, Crm.AgentPassword);
        var connection = _factory.Hub("/hubs/agent", token);
        _connections.Add(connection);
        var agent = new AgentClient(connection);
        _agents.Add(agent);
        await connection.StartAsync(Ct);
        return agent;
    }

    private sealed class AgentClient : IDisposable
    {
        private readonly SemaphoreSlim _signal = new(0);

        public AgentClient(HubConnection connection)
        {
            Connection = connection;
            connection.On<JsonElement>("Pop", pop =>
            {
                Pops.Enqueue(pop);
                _signal.Release();
            });
            connection.On<JsonElement>("State", state =>
            {
                States.Enqueue(state);
                _signal.Release();
            });
        }

        public HubConnection Connection { get; }

        public void Dispose() => _signal.Dispose();

        public ConcurrentQueue<JsonElement> Pops { get; } = new();

        public ConcurrentQueue<JsonElement> States { get; } = new();

        public Task<JsonElement> NextStateAsync(string status) =>
            WaitForAsync(States, s => s.GetProperty("status").GetString() == status);

        public Task<JsonElement> WaitForPopAsync(Func<JsonElement, bool> match) => WaitForAsync(Pops, match);

        public Task<JsonElement> NextPopAsync(string callId, string stage = "ringing") =>
            WaitForAsync(Pops, p => p.GetProperty("callId").GetString() == callId && p.GetProperty("stage").GetString() == stage);

        private async Task<JsonElement> WaitForAsync(ConcurrentQueue<JsonElement> messages, Func<JsonElement, bool> match)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(Patience);
            while (true)
            {
                var found = messages.FirstOrDefault(match);
                if (found.ValueKind != JsonValueKind.Undefined)
                {
                    return found;
                }

                await _signal.WaitAsync(timeout.Token);
            }
        }
    }
}
