using CtiCore.Domain.Crm;
using CtiCore.Domain.Ports;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Data.Crm;

/// <summary>Caller recognition on the CRM database: one seek on the unique E.164 index per lookup.</summary>
public sealed class EfCallerDirectory(IDbContextFactory<CrmDbContext> contexts) : ICallerDirectory
{
    /// <summary>Card name prefix for callers the CRM did not know.</summary>
    public const string NewCallerNamePrefix = "New caller ";

    /// <summary>The source written on cards created for unknown callers.</summary>
    public const string InboundCallSource = "inbound call";

    private const string VipMarker = "VIP";

    public async Task<CallerRecord?> FindByNumberAsync(string e164, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(e164);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // A number belongs to a client directly or to one of its contact persons.
        var clientId = await db.PhoneNumbers.AsNoTracking()
            .Where(p => p.E164 == e164)
            .Select(p => p.ClientId ?? (p.Contact == null ? null : (long?)p.Contact.ClientId))
            .FirstOrDefaultAsync(cancellationToken);
        if (clientId is null)
        {
            return null;
        }

        var client = await db.Clients.AsNoTracking()
            .Where(c => c.Id == clientId)
            .Select(c => new { c.Id, c.Name, c.ResponsibleManagerId, c.Segment, c.Tags })
            .FirstOrDefaultAsync(cancellationToken);
        return client is null
            ? null
            : new CallerRecord
            {
                ClientId = client.Id,
                Name = client.Name,
                ResponsibleManagerId = client.ResponsibleManagerId,
                IsVip = string.Equals(client.Segment, VipMarker, StringComparison.OrdinalIgnoreCase)
                    || client.Tags.Any(t => string.Equals(t, VipMarker, StringComparison.OrdinalIgnoreCase)),
            };
    }

    public async Task<CallerRecord> CreateForUnknownCallerAsync(string e164, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(e164);
        if (await FindByNumberAsync(e164, cancellationToken) is { } existing)
        {
            return existing;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var client = new Client
        {
            Kind = ClientKind.Person,
            Name = NewCallerNamePrefix + e164,
            Source = InboundCallSource,
            CreatedAt = now,
            UpdatedAt = now,
            Phones = [new PhoneNumber { E164 = e164, OriginalText = e164, Kind = PhoneKind.Unknown }],
        };
        db.Clients.Add(client);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another silo created the card for the same number a moment earlier (unique E.164 index): use theirs.
            if (await FindByNumberAsync(e164, cancellationToken) is { } raced)
            {
                return raced;
            }

            throw;
        }

        return new CallerRecord { ClientId = client.Id, Name = client.Name, CreatedNow = true };
    }

    public async Task<LastContact?> FindLastAnsweredAsync(long clientId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var last = await db.Interactions.AsNoTracking()
            .Where(i => i.ClientId == clientId && i.AgentId != null && i.AnsweredAt != null && i.OfferedAt >= since)
            .OrderByDescending(i => i.OfferedAt)
            .Select(i => new { i.AgentId, i.AnsweredAt })
            .FirstOrDefaultAsync(cancellationToken);
        return last is null ? null : new LastContact { AgentId = last.AgentId!.Value, AnsweredAt = last.AnsweredAt!.Value };
    }
}
