using System.Security.Claims;
using CtiCore.Data;
using CtiCore.Server.Api.Common;
using CtiCore.Server.Auth;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Api.Interactions;

/// <summary>The interaction journal, filtered by client, agent and period, scoped to what the caller may see.</summary>
internal static class InteractionsApi
{
    public static IEndpointRouteBuilder MapInteractionsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/interactions").WithTags("Interactions");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
        return endpoints;
    }

    /// <summary><c>from</c> is inclusive and <c>to</c> exclusive (ISO 8601 with offset), on the time the call was offered.</summary>
    private static async Task<IResult> ListAsync(
        long? clientId, long? agentId, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize,
        ClaimsPrincipal principal, CrmDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (from is not null && to is not null && to <= from)
        {
            errors.Add("to", "must be after from.");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        var query = db.Interactions.AsNoTracking().VisibleTo(principal.ToCaller(), db);
        if (clientId is not null)
        {
            query = query.Where(i => i.ClientId == clientId);
        }

        if (agentId is not null)
        {
            query = query.Where(i => i.AgentId == agentId);
        }

        if (from is not null)
        {
            query = query.Where(i => i.OfferedAt >= from);
        }

        if (to is not null)
        {
            query = query.Where(i => i.OfferedAt < to);
        }

        var result = await query.OrderByDescending(i => i.OfferedAt).ThenByDescending(i => i.Id)
            .Select(i => new InteractionSummary(
                i.Id, i.Kind, i.Direction, i.ClientId, i.Client != null ? i.Client.Name : null, i.AgentId,
                i.Agent != null ? i.Agent.DisplayName : null, i.OfferedAt, i.Outcome, i.TalkSeconds))
            .ToPageAsync(paging, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(result);
    }

    private static async Task<IResult> GetAsync(long id, ClaimsPrincipal principal, CrmDbContext db, CancellationToken cancellationToken)
    {
        var found = await db.Interactions.AsNoTracking().VisibleTo(principal.ToCaller(), db)
            .Where(i => i.Id == id)
            .Select(i => new InteractionResponse(
                i.Id, i.Kind, i.Direction, i.CallKey, i.FromNumber, i.ToNumber, i.ClientId, i.Client != null ? i.Client.Name : null,
                i.ContactId, i.AgentId, i.Agent != null ? i.Agent.DisplayName : null, i.DepartmentId, i.OfferedAt, i.RingingAt,
                i.AnsweredAt, i.EndedAt, i.Outcome, i.WaitSeconds, i.TalkSeconds, i.Disposition, i.Notes, i.RoutingReason, i.RecordingRef,
                i.RecordingKey != null && i.RecordingErasedAt == null))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return ApiProblems.NotFound($"Interaction {id}");
        }

        var transfers = await db.CallTransfers.AsNoTracking()
            .Where(t => t.CallKey == found.CallKey)
            .OrderBy(t => t.Position)
            .Select(t => new InteractionTransferResponse(
                t.Position, t.FromAgentId, t.FromAgent != null ? t.FromAgent.DisplayName : null, t.ToAgentId,
                t.ToAgent != null ? t.ToAgent.DisplayName : null, t.Destination, t.TransferredAt, t.Disposition, t.Notes))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(found with { Transfers = transfers });
    }
}
