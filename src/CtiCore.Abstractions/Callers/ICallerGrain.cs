using CtiCore.Domain.Routing;

namespace CtiCore.Abstractions.Callers;

/// <summary>
/// Caller recognition for one number (key: E.164). Caches the CRM's answer for a few minutes, and, being one
/// activation per number, makes two simultaneous calls from an unknown number create one client card, not two.
/// </summary>
public interface ICallerGrain : IGrainWithStringKey
{
    Task<CallerProfile> RecognizeAsync(bool createIfUnknown, int relationshipWindowDays);

    /// <summary>Keeps the cached "last answered by" current without another database read.</summary>
    Task RecordAnsweredAsync(long agentId, DateTimeOffset answeredAt);

    /// <summary>Drops the cache (the client card was edited).</summary>
    Task InvalidateAsync();
}
