using CtiCore.Abstractions.Calls;
using CtiCore.Data;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Telephony;
using CtiCore.Grains.Timing;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Realtime;

/// <summary>Reads what a pop shows about the caller from the CRM: the client card, contact, history, open tasks and deals.</summary>
internal sealed class ScreenPopBuilder(IDbContextFactory<CrmDbContext> contexts, [FromKeyedServices(CtiCoreClock.Key)] TimeProvider time)
{
    private const int HistoryLength = 5;

    public async Task<ScreenPop> BuildAsync(CallView call, string stage, CancellationToken cancellationToken)
    {
        var pop = new ScreenPop
        {
            CallId = call.CallId,
            Stage = stage,
            CallerNumber = call.Caller.NumberE164,
            IsNewClient = !call.Caller.IsKnownClient,
            RoutingReason = call.RoutingReason,
            InteractionId = call.InteractionId,
            OfferedAt = time.GetUtcNow(),
        };
        if (call.Caller.ClientId is not { } clientId)
        {
            return pop;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var client = await ClientCard(db, clientId, cancellationToken);
        if (client is null)
        {
            return pop;
        }

        var contact = client.Contacts.FirstOrDefault(c => c.Phones.Any(p => p.E164 == call.Caller.NumberE164))
            ?? client.Contacts.OrderBy(c => c.Id).FirstOrDefault();
        var history = await ToListAsync(RecentInteractions(db, clientId, call.CallId), cancellationToken);
        var tasks = await ToListAsync(OpenTasks(db, clientId), cancellationToken);
        var deals = await ToListAsync(OpenDeals(db, clientId), cancellationToken);

        return pop with
        {
            Client = new PopClient(
                client.Id,
                client.Name,
                client.Segment,
                client.Region,
                client.TimeZone,
                LocalTime(client.TimeZone),
                client.ResponsibleManagerId,
                client.ResponsibleManager?.DisplayName),
            Contact = contact is null ? null : new PopContact(contact.Id, contact.Name, contact.Position),
            LastInteractions = history,
            OpenTasks = tasks,
            OpenDeals = deals,
        };
    }

    // Compiled once: every offer from a known caller runs these four, and building and hashing the LINQ tree each
    // time cost more CPU than SQLite's work on the indexed look-ups.
    private static readonly Func<CrmDbContext, long, CancellationToken, Task<Client?>> ClientCard = EF.CompileAsyncQuery(
        (CrmDbContext db, long clientId, CancellationToken _) => db.Clients.AsNoTracking()
            .Include(c => c.ResponsibleManager)
            .Include(c => c.Contacts).ThenInclude(c => c.Phones)
            .FirstOrDefault(c => c.Id == clientId));

    private static readonly Func<CrmDbContext, long, string, IAsyncEnumerable<PopInteraction>> RecentInteractions = EF.CompileAsyncQuery(
        (CrmDbContext db, long clientId, string callKey) => db.Interactions.AsNoTracking()
            .Where(i => i.ClientId == clientId && i.CallKey != callKey)
            .OrderByDescending(i => i.Id)
            .Take(HistoryLength)
            .Select(i => new PopInteraction(i.Id, i.OfferedAt, i.Direction.ToString(), i.Outcome.ToString(), i.Agent != null ? i.Agent.DisplayName : null, i.Disposition, i.Notes, i.TalkSeconds)));

    private static readonly Func<CrmDbContext, long, IAsyncEnumerable<PopTask>> OpenTasks = EF.CompileAsyncQuery(
        (CrmDbContext db, long clientId) => db.Tasks.AsNoTracking()
            .Where(t => t.ClientId == clientId && t.State == FollowUpTaskState.Open)
            .OrderBy(t => t.Id)
            .Select(t => new PopTask(t.Id, t.Title, t.DueAt)));

    private static readonly Func<CrmDbContext, long, IAsyncEnumerable<PopDeal>> OpenDeals = EF.CompileAsyncQuery(
        (CrmDbContext db, long clientId) => db.Deals.AsNoTracking()
            .Where(d => d.ClientId == clientId && !d.IsClosed)
            .OrderBy(d => d.Id)
            .Select(d => new PopDeal(d.Id, d.Title, d.Stage, d.Amount, d.Currency)));

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            list.Add(row);
        }

        return list;
    }

    public static string StageOf(CallView call) => call.Stage switch
    {
        CallStage.Answered => "talking",
        CallStage.Ended => "ended",
        _ => "ringing",
    };

    /// <summary>The client's wall clock with its UTC offset, so the page shows e.g. 17:00 (+10:00) for Vladivostok.</summary>
    private DateTimeOffset? LocalTime(string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(timeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            return null;
        }

        return TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
    }
}
