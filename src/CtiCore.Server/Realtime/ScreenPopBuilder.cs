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
        var client = await db.Clients.AsNoTracking()
            .Include(c => c.ResponsibleManager)
            .Include(c => c.Contacts).ThenInclude(c => c.Phones)
            .FirstOrDefaultAsync(c => c.Id == clientId, cancellationToken);
        if (client is null)
        {
            return pop;
        }

        var contact = client.Contacts.FirstOrDefault(c => c.Phones.Any(p => p.E164 == call.Caller.NumberE164))
            ?? client.Contacts.OrderBy(c => c.Id).FirstOrDefault();
        var history = await db.Interactions.AsNoTracking()
            .Where(i => i.ClientId == clientId && i.CallKey != call.CallId)
            .OrderByDescending(i => i.Id)
            .Take(HistoryLength)
            .Select(i => new { i.Id, i.OfferedAt, i.Direction, i.Outcome, Agent = i.Agent != null ? i.Agent.DisplayName : null, i.Disposition, i.Notes, i.TalkSeconds })
            .ToListAsync(cancellationToken);
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.ClientId == clientId && t.State == FollowUpTaskState.Open)
            .OrderBy(t => t.Id)
            .Select(t => new PopTask(t.Id, t.Title, t.DueAt))
            .ToListAsync(cancellationToken);
        var deals = await db.Deals.AsNoTracking()
            .Where(d => d.ClientId == clientId && !d.IsClosed)
            .OrderBy(d => d.Id)
            .Select(d => new PopDeal(d.Id, d.Title, d.Stage, d.Amount, d.Currency))
            .ToListAsync(cancellationToken);

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
            LastInteractions = [.. history.Select(i => new PopInteraction(i.Id, i.OfferedAt, i.Direction.ToString(), i.Outcome.ToString(), i.Agent, i.Disposition, i.Notes, i.TalkSeconds))],
            OpenTasks = tasks,
            OpenDeals = deals,
        };
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
