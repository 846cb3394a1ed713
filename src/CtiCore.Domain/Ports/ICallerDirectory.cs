namespace CtiCore.Domain.Ports;

/// <summary>
/// Caller recognition against the CRM. Implementations hit the database; the caller grain caches the answer
/// per number, so implementations need not cache.
/// </summary>
public interface ICallerDirectory
{
    /// <summary>The client (or the client of the contact person) that owns <paramref name="e164"/>, if any.</summary>
    Task<CallerRecord?> FindByNumberAsync(string e164, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a client card "New caller +7…" with source "inbound call" for an unknown number. Idempotent: when
    /// the number already belongs to someone (two calls raced), that client is returned instead.
    /// </summary>
    Task<CallerRecord> CreateForUnknownCallerAsync(string e164, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The agent who last answered a call of the client offered at or after <paramref name="since"/>.</summary>
    Task<LastContact?> FindLastAnsweredAsync(long clientId, DateTimeOffset since, CancellationToken cancellationToken);
}
