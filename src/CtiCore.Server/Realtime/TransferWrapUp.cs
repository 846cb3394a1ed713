using CtiCore.Data;
using CtiCore.Domain.Crm;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Realtime;

/// <summary>
/// The wrap-up of an agent who transferred a call on: it is stored on their hand-over (<see cref="CallTransfer"/>),
/// which exists from the moment of the transfer, so they can wrap up while the call still goes on with the next agent.
/// </summary>
internal static class TransferWrapUp
{
    /// <summary>Writes the wrap-up to <paramref name="agentId"/>'s latest hand-over of the call; null when they handed none over.
    /// Returns the call's Interaction id once it is written, else 0.</summary>
    public static async Task<long?> TrySubmitAsync(CrmDbContext db, long agentId, WrapUpRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var handedOver = await db.CallTransfers
            .Where(t => t.CallKey == request.CallId && t.FromAgentId == agentId)
            .OrderByDescending(t => t.Position)
            .FirstOrDefaultAsync(cancellationToken);
        if (handedOver is null)
        {
            return null;
        }

        handedOver.Disposition = string.IsNullOrWhiteSpace(request.Disposition) ? null : request.Disposition.Trim();
        handedOver.Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim();
        var interactionId = await db.Interactions.AsNoTracking()
            .Where(i => i.CallKey == request.CallId)
            .Select(i => (long?)i.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(request.FollowUpTitle))
        {
            db.Tasks.Add(new FollowUpTask
            {
                Title = request.FollowUpTitle.Trim(),
                OwnerId = agentId,
                ClientId = await ClientOfAsync(db, request.CallId, cancellationToken),
                InteractionId = interactionId,
                DueAt = request.FollowUpDueAt ?? now.AddDays(1),
                State = FollowUpTaskState.Open,
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return interactionId ?? 0;
    }

    private static Task<long?> ClientOfAsync(CrmDbContext db, string callKey, CancellationToken cancellationToken) =>
        db.Interactions.AsNoTracking().Where(i => i.CallKey == callKey).Select(i => i.ClientId).FirstOrDefaultAsync(cancellationToken);
}
