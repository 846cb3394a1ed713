using CtiCore.Domain.Crm;
using CtiCore.Domain.Ports;
using CtiCore.Domain.Routing;

namespace CtiCore.Grains.Tests.Infrastructure;

/// <summary>
/// The CRM ports in memory, for grain tests: thread-safe, and counting journal writes so a test can tell
/// "logged once" from "written twice, deduplicated".
/// </summary>
public sealed class InMemoryCrm : ICallerDirectory, IAgentDirectory, ICallJournal
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, DepartmentProfile> _departments = [];
    private readonly Dictionary<long, List<string>> _departmentNumbers = [];
    private readonly Dictionary<long, AgentProfile> _agents = [];
    private readonly List<AbsencePeriod> _absences = [];
    private readonly Dictionary<string, CallerRecord> _clientsByNumber = [];
    private readonly Dictionary<string, Interaction> _interactions = [];
    private readonly List<FollowUpTask> _tasks = [];
    private readonly Dictionary<(string CallKey, int Position), CallTransfer> _transfers = [];
    private readonly Dictionary<string, int> _journalWrites = [];
    private long _nextId = 1_000_000;

    public DepartmentProfile AddDepartment(long id, string name, RoutingSettings settings, params string[] numbers)
    {
        var profile = new DepartmentProfile { DepartmentId = id, Name = name, Settings = settings };
        lock (_gate)
        {
            _departments[id] = profile;
            _departmentNumbers[id] = [.. numbers];
        }

        return profile;
    }

    public AgentProfile AddAgent(long id, string name, long departmentId)
    {
        var profile = new AgentProfile { AgentId = id, DisplayName = name, DepartmentId = departmentId, Endpoints = [$"PJSIP/{id}"] };
        lock (_gate)
        {
            _agents[id] = profile;
        }

        return profile;
    }

    public void AddAbsence(AbsencePeriod absence)
    {
        lock (_gate)
        {
            _absences.Add(absence);
        }
    }

    public CallerRecord AddClient(string e164, string name, long? responsibleManagerId = null, bool vip = false)
    {
        var record = new CallerRecord { ClientId = Interlocked.Increment(ref _nextId), Name = name, ResponsibleManagerId = responsibleManagerId, IsVip = vip };
        lock (_gate)
        {
            _clientsByNumber[e164] = record;
        }

        return record;
    }

    public void AddPastCall(string callKey, long clientId, long agentId, DateTimeOffset answeredAt)
    {
        lock (_gate)
        {
            _interactions[callKey] = new Interaction { CallKey = callKey, ClientId = clientId, AgentId = agentId, OfferedAt = answeredAt, AnsweredAt = answeredAt, Outcome = CallOutcome.Answered };
        }
    }

    public IReadOnlyList<Interaction> Interactions
    {
        get
        {
            lock (_gate)
            {
                return [.. _interactions.Values];
            }
        }
    }

    public IReadOnlyList<FollowUpTask> Tasks
    {
        get
        {
            lock (_gate)
            {
                return [.. _tasks];
            }
        }
    }

    public Interaction? InteractionOf(string callKey)
    {
        lock (_gate)
        {
            return _interactions.GetValueOrDefault(callKey);
        }
    }

    public int JournalWritesOf(string callKey)
    {
        lock (_gate)
        {
            return _journalWrites.GetValueOrDefault(callKey);
        }
    }

    public CallerRecord? ClientOf(string e164)
    {
        lock (_gate)
        {
            return _clientsByNumber.GetValueOrDefault(e164);
        }
    }

    /// <summary>Makes the next journal writes fail, as a database outage would.</summary>
    public int FailJournalWrites { get; set; }

    public Task<CallerRecord?> FindByNumberAsync(string e164, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_clientsByNumber.GetValueOrDefault(e164) is { } r ? r with { CreatedNow = false } : null);
        }
    }

    public Task<CallerRecord> CreateForUnknownCallerAsync(string e164, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_clientsByNumber.TryGetValue(e164, out var existing))
            {
                return Task.FromResult(existing with { CreatedNow = false });
            }

            var record = new CallerRecord { ClientId = ++_nextId, Name = "New caller " + e164, CreatedNow = true };
            _clientsByNumber[e164] = record with { CreatedNow = false };
            return Task.FromResult(record);
        }
    }

    public Task<LastContact?> FindLastAnsweredAsync(long clientId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var last = _interactions.Values
                .Where(i => i.ClientId == clientId && i.AgentId is not null && i.AnsweredAt is not null && i.OfferedAt >= since)
                .OrderByDescending(i => i.OfferedAt)
                .FirstOrDefault();
            return Task.FromResult(last is null ? null : new LastContact { AgentId = last.AgentId!.Value, AnsweredAt = last.AnsweredAt!.Value });
        }
    }

    public Task<DepartmentProfile?> GetDepartmentAsync(long departmentId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_departments.GetValueOrDefault(departmentId));
        }
    }

    public Task<long?> FindDepartmentByNumberAsync(string dialledE164, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_departmentNumbers.Where(d => d.Value.Contains(dialledE164)).Select(d => (long?)d.Key).FirstOrDefault());
        }
    }

    public Task<long?> GetDefaultDepartmentIdAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_departments.Keys.Select(k => (long?)k).Min());
        }
    }

    public Task<IReadOnlyList<AgentProfile>> GetDepartmentAgentsAsync(long departmentId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AgentProfile>>(_agents.Values.Where(a => a.DepartmentId == departmentId).OrderBy(a => a.AgentId).ToList());
        }
    }

    public Task<AgentProfile?> GetAgentAsync(long agentId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_agents.GetValueOrDefault(agentId));
        }
    }

    public Task<long?> FindAgentByEndpointAsync(string endpoint, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_agents.Values.Where(a => a.Endpoints.Contains(endpoint)).Select(a => (long?)a.AgentId).FirstOrDefault());
        }
    }

    public Task<IReadOnlyList<AbsencePeriod>> GetAbsencesAsync(long departmentId, DateTimeOffset periodStart, DateTimeOffset periodEnd, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AbsencePeriod>>(_absences
                .Where(a => _agents.TryGetValue(a.AgentId, out var agent) && agent.DepartmentId == departmentId && a.From < periodEnd && a.To > periodStart)
                .ToList());
        }
    }

    public Task<long> RecordInteractionAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        lock (_gate)
        {
            _journalWrites[interaction.CallKey] = _journalWrites.GetValueOrDefault(interaction.CallKey) + 1;
            if (FailJournalWrites > 0)
            {
                FailJournalWrites--;
                throw new InvalidOperationException("The database is down (test).");
            }

            if (!_interactions.TryGetValue(interaction.CallKey, out var existing))
            {
                interaction.Id = ++_nextId;
                _interactions[interaction.CallKey] = interaction;
                existing = interaction;
            }

            return Task.FromResult(existing.Id);
        }
    }

    public IReadOnlyList<CallTransfer> TransfersOf(string callKey)
    {
        lock (_gate)
        {
            return [.. _transfers.Values.Where(t => t.CallKey == callKey).OrderBy(t => t.Position)];
        }
    }

    public Task RecordTransferAsync(CallTransfer transfer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        lock (_gate)
        {
            if (_transfers.TryGetValue((transfer.CallKey, transfer.Position), out var stored))
            {
                stored.ToAgentId = transfer.ToAgentId;
            }
            else
            {
                transfer.Id = ++_nextId;
                _transfers[(transfer.CallKey, transfer.Position)] = transfer;
            }
        }

        return Task.CompletedTask;
    }

    public Task AttachRecordingAsync(string callKey, string recordingRef, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_interactions.TryGetValue(callKey, out var interaction))
            {
                interaction.RecordingRef = recordingRef;
            }
        }

        return Task.CompletedTask;
    }

    public Task<long> CreateFollowUpTaskAsync(FollowUpTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        lock (_gate)
        {
            var existing = _tasks.FirstOrDefault(t => t.InteractionId == task.InteractionId && t.OwnerId == task.OwnerId);
            if (existing is null)
            {
                task.Id = ++_nextId;
                _tasks.Add(task);
                existing = task;
            }

            return Task.FromResult(existing.Id);
        }
    }
}
