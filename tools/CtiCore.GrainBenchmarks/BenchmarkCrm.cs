using System.Collections.Concurrent;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Ports;
using CtiCore.Domain.Routing;
using CtiCore.Domain.Telephony;

namespace CtiCore.GrainBenchmarks;

/// <summary>CRM ports and a PBX command sink in memory, so the benchmark measures the grains, not a database.</summary>
public sealed class BenchmarkCrm : ICallerDirectory, IAgentDirectory, ICallJournal, ITelephonyCommandSink
{
    public const long DepartmentId = 1;
    private readonly List<AgentProfile> _agents;
    private readonly ConcurrentDictionary<string, long> _interactions = new();
    private long _nextId;

    public BenchmarkCrm(int agents) =>
        _agents = Enumerable.Range(1, agents)
            .Select(i => new AgentProfile { AgentId = i, DisplayName = $"Agent{i}", DepartmentId = DepartmentId, Endpoints = [$"PJSIP/{i}"] })
            .ToList();

    public IReadOnlyList<AgentProfile> Agents => _agents;

    /// <summary>The agent each call was last routed to.</summary>
    public ConcurrentDictionary<string, long> RoutedTo { get; } = new();

    public int InteractionCount => _interactions.Count;

    public Task SendAsync(TelephonyCommand command, CancellationToken cancellationToken)
    {
        if (command is RouteToEndpointCommand route)
        {
            RoutedTo[route.CallId] = route.AgentId;
        }

        return Task.CompletedTask;
    }

    public Task<CallerRecord?> FindByNumberAsync(string e164, CancellationToken cancellationToken) =>
        Task.FromResult<CallerRecord?>(new CallerRecord { ClientId = 42, Name = "Client" });

    public Task<CallerRecord> CreateForUnknownCallerAsync(string e164, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(new CallerRecord { ClientId = Interlocked.Increment(ref _nextId), Name = "New caller", CreatedNow = true });

    public Task<LastContact?> FindLastAnsweredAsync(long clientId, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<LastContact?>(null);

    public Task<DepartmentProfile?> GetDepartmentAsync(long departmentId, CancellationToken cancellationToken) =>
        Task.FromResult<DepartmentProfile?>(new DepartmentProfile
        {
            DepartmentId = departmentId,
            Name = "Sales",
            Settings = RoutingSettings.Default with { WrapUpSeconds = 0, RingTimeoutSeconds = 600 },
        });

    public Task<long?> FindDepartmentByNumberAsync(string dialledE164, CancellationToken cancellationToken) => Task.FromResult<long?>(DepartmentId);

    public Task<long?> GetDefaultDepartmentIdAsync(CancellationToken cancellationToken) => Task.FromResult<long?>(DepartmentId);

    public Task<IReadOnlyList<AgentProfile>> GetDepartmentAgentsAsync(long departmentId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AgentProfile>>(_agents);

    public Task<AgentProfile?> GetAgentAsync(long agentId, CancellationToken cancellationToken) =>
        Task.FromResult(agentId >= 1 && agentId <= _agents.Count ? _agents[(int)agentId - 1] : null);

    public Task<long?> FindAgentByEndpointAsync(string endpoint, CancellationToken cancellationToken) => Task.FromResult<long?>(null);

    public Task<IReadOnlyList<AbsencePeriod>> GetAbsencesAsync(long departmentId, DateTimeOffset periodStart, DateTimeOffset periodEnd, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AbsencePeriod>>([]);

    public Task<long> RecordInteractionAsync(Interaction interaction, CancellationToken cancellationToken) =>
        Task.FromResult(_interactions.GetOrAdd(interaction.CallKey, _ => Interlocked.Increment(ref _nextId)));

    public Task RecordTransferAsync(CallTransfer transfer, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task AttachRecordingAsync(string callKey, string recordingRef, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<long> CreateFollowUpTaskAsync(FollowUpTask task, CancellationToken cancellationToken) => Task.FromResult(Interlocked.Increment(ref _nextId));
}
