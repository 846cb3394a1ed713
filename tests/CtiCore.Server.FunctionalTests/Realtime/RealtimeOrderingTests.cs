using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using CtiCore.Abstractions.Telephony;
using CtiCore.Domain.Telephony;
using CtiCore.Server.FunctionalTests.Infrastructure;
using CtiCore.Server.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Server.FunctionalTests.Realtime;

/// <summary>
/// The bridge pushes for many calls at once: with every call offered, answered and ended concurrently, each agent
/// still receives its messages with consecutive sequence numbers, and each call's pop never steps back
/// (ringing → talking → ended).
/// Own server: routing must see exactly these agents.
/// </summary>
public sealed class RealtimeOrderingTests : IAsyncLifetime
{
    private const int Agents = 6;
    private static readonly string[] Stages = ["ringing", "talking", "ended"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly CtiServerFactory _factory = new();
    private readonly List<Desk> _desks = [];
    private string _number = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var admin = await _factory.AdminAsync();
        _number = Crm.MoscowNumber();
        var department = (await admin.PostOkAsync("/api/departments", new { name = "Ordering", numbers = new[] { _number } })).Id();
        for (var i = 0; i < Agents; i++)
        {
            var login = "order." + i.ToString(CultureInfo.InvariantCulture);
            var extension = (3100 + i).ToString(CultureInfo.InvariantCulture);
            var id = (await admin.PostOkAsync("/api/users", new { login, displayName = login, password = Crm.AgentPassword, role = "Agent", departmentId = department, extension })).Id();
            var connection = _factory.Hub(RealtimeHostingExtensions.AgentHubPath, await _factory.TokenAsync(login, Crm.AgentPassword));
            _desks.Add(new Desk(id, extension, connection));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var desk in _desks)
        {
            await desk.Connection.DisposeAsync();
            desk.Dispose();
        }

        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Concurrent_calls_keep_each_agents_sequence_gap_free_and_each_calls_stages_in_order()
    {
        foreach (var desk in _desks)
        {
            await desk.Connection.StartAsync(Ct);
            await desk.Connection.InvokeAsync("SetAvailable", Ct);
            await desk.WaitForAsync(m => m.Kind == "State" && m.Body.GetProperty("status").GetString() == "Available");
        }

        var calls = Enumerable.Range(0, Agents).Select(i => "order-call-" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        await Task.WhenAll(calls.Select(call => PublishAsync(new CallOffered
        {
            EventId = call + ":offered", Source = "test", Sequence = 1, OccurredAt = DateTimeOffset.UtcNow,
            CallId = call, CallerNumber = Crm.MoscowNumber(), DialledNumber = _number,
        })));

        // Each call rings one agent; whoever's phone rang answers it, then every call ends, all calls at once.
        var ringing = await Task.WhenAll(calls.Select(RingingDeskAsync));
        Assert.Equal(Agents, ringing.Select(d => d.AgentId).Distinct().Count());
        await Task.WhenAll(calls.Select(async (call, i) =>
        {
            await PublishAsync(new CallAnswered { EventId = call + ":answered", Source = "test", Sequence = 2, OccurredAt = DateTimeOffset.UtcNow, CallId = call, Endpoint = ringing[i].Extension });
            await PublishAsync(new CallEnded { EventId = call + ":ended", Source = "test", Sequence = 3, OccurredAt = DateTimeOffset.UtcNow, CallId = call, Cause = CallEndCause.CallerHungUp });
        }));
        await Task.WhenAll(calls.Select((call, i) => ringing[i].WaitForAsync(m => m.IsPop(call, "ended"))));
        await _factory.Services.GetRequiredService<RealtimeBridge>().WhenIdleAsync().WaitAsync(Ct);

        foreach (var desk in _desks)
        {
            // Pops and states share the agent's numbering: what arrived is consecutive, in arrival order.
            var sequences = desk.Messages.Select(m => m.Body.GetProperty("sequence").GetInt64()).ToList();
            Assert.NotEmpty(sequences);
            Assert.Equal(Enumerable.Range(0, sequences.Count).Select(k => sequences[0] + k), sequences);
        }

        for (var i = 0; i < calls.Count; i++)
        {
            var stages = ringing[i].Messages
                .Where(m => m.Kind == "Pop" && m.Body.GetProperty("callId").GetString() == calls[i])
                .Select(m => m.Body.GetProperty("stage").GetString())
                .ToList();

            // A push reads the call as it is when its turn comes, so a call that ended meanwhile may skip "talking";
            // what must never happen is a step back (a "talking" after the "ended").
            var order = stages.Select(s => Array.IndexOf(Stages, s)).ToList();
            Assert.DoesNotContain(-1, order);
            Assert.Equal(order.Order(), order);
            Assert.Equal("ringing", stages[0]);
            Assert.Equal("ended", stages[^1]);
        }
    }

    private async Task<Desk> RingingDeskAsync(string call)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Patience);
        while (true)
        {
            if (_desks.FirstOrDefault(d => d.Messages.Any(m => m.IsPop(call, "ringing"))) is { } desk)
            {
                return desk;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    private Task PublishAsync(TelephonyEvent telephonyEvent) =>
        _factory.Services.GetRequiredService<ITelephonyEventSink>().PublishAsync(telephonyEvent, Ct);

    private sealed record Message(string Kind, JsonElement Body)
    {
        public bool IsPop(string callId, string stage) =>
            Kind == "Pop" && Body.GetProperty("callId").GetString() == callId && Body.GetProperty("stage").GetString() == stage;
    }

    /// <summary>One agent's desktop: every Pop and State in the order the client received them.</summary>
    private sealed class Desk : IDisposable
    {
        private readonly SemaphoreSlim _signal = new(0);

        public Desk(long agentId, string extension, HubConnection connection)
        {
            AgentId = agentId;
            Extension = extension;
            Connection = connection;
            connection.On<JsonElement>("Pop", pop => Receive("Pop", pop));
            connection.On<JsonElement>("State", state => Receive("State", state));
        }

        public long AgentId { get; }

        public string Extension { get; }

        public HubConnection Connection { get; }

        public ConcurrentQueue<Message> Messages { get; } = new();

        public void Dispose() => _signal.Dispose();

        public async Task WaitForAsync(Func<Message, bool> match)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(Patience);
            while (!Messages.Any(match))
            {
                await _signal.WaitAsync(timeout.Token);
            }
        }

        private void Receive(string kind, JsonElement body)
        {
            Messages.Enqueue(new Message(kind, body.Clone()));
            _signal.Release();
        }
    }
}
