using CtiCore.Abstractions.Callers;
using CtiCore.Domain.Ports;
using CtiCore.Domain.Routing;
using CtiCore.Grains.Hosting;
using CtiCore.Grains.Timing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CtiCore.Grains.Callers;

/// <summary>
/// Caches the CRM's answer for one number in memory only: it is a cache, the CRM stays the truth, and a lost
/// activation costs one database read. Not reentrant, so concurrent first calls from a new number wait for the
/// first lookup and share its freshly created card.
/// </summary>
internal sealed class CallerGrain(
    ICallerDirectory directory,
    IOptions<CtiCoreGrainsOptions> options,
    [FromKeyedServices(CtiCoreClock.Key)] TimeProvider time) : Grain, ICallerGrain
{
    private CallerProfile? _cached;
    private DateTimeOffset _cachedAt;
    private int _cachedWindowDays;

    private string Number => this.GetPrimaryKeyString();

    public async Task<CallerProfile> RecognizeAsync(bool createIfUnknown, int relationshipWindowDays)
    {
        var now = time.GetUtcNow();
        if (_cached is not null
            && now - _cachedAt < TimeSpan.FromSeconds(options.Value.CallerCacheSeconds)
            && _cachedWindowDays == relationshipWindowDays
            && (_cached.ClientId is not null || !createIfUnknown))
        {
            return _cached;
        }

        var record = await directory.FindByNumberAsync(Number, CancellationToken.None);
        if (record is null && createIfUnknown)
        {
            record = await directory.CreateForUnknownCallerAsync(Number, now, CancellationToken.None);
        }

        LastContact? last = null;
        if (record is { CreatedNow: false })
        {
            last = await directory.FindLastAnsweredAsync(record.ClientId, now.AddDays(-relationshipWindowDays), CancellationToken.None);
        }

        var profile = new CallerProfile
        {
            NumberE164 = Number,
            ClientId = record?.ClientId,
            ClientName = record?.Name,
            CreatedNow = record?.CreatedNow ?? false,
            IsVip = record?.IsVip ?? false,
            ResponsibleManagerId = record?.ResponsibleManagerId,
            LastAnsweredAgentId = last?.AgentId,
            LastAnsweredAt = last?.AnsweredAt,
        };

        // The card is new for this call only: the next call from the number comes from a known client.
        _cached = profile with { CreatedNow = false };
        _cachedAt = now;
        _cachedWindowDays = relationshipWindowDays;
        return profile;
    }

    public Task RecordAnsweredAsync(long agentId, DateTimeOffset answeredAt)
    {
        if (_cached is not null && (_cached.LastAnsweredAt is null || _cached.LastAnsweredAt < answeredAt))
        {
            _cached = _cached with { LastAnsweredAgentId = agentId, LastAnsweredAt = answeredAt };
        }

        return Task.CompletedTask;
    }

    public Task InvalidateAsync()
    {
        _cached = null;
        return Task.CompletedTask;
    }
}
