using CtiCore.Abstractions.Calls;
using CtiCore.Data;
using CtiCore.Domain.Phones;
using CtiCore.Server.Auth;
using CtiCore.Server.Realtime;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Api.Calls;

/// <summary>
/// Click-to-call for the REST endpoint and the agent hub: checks that the caller may call this client (CrmVisibility:
/// an agent only their own clients; a number that belongs to a client they cannot see is refused the same way), that
/// they have a phone, then starts an outbound call grain. The grain reserves the agent and sends an OriginateCommand
/// through the "pbx" sink: Asterisk rings the agent's phone first and, once answered, dials the client from the
/// dialplan's click-to-call context. When the call ends the grain logs it as an outbound Interaction linked to the
/// client whose number was dialled.
/// </summary>
internal sealed class ClickToCallService(IGrainFactory grains, IDbContextFactory<CrmDbContext> contexts, PhoneNormalizer normalizer, RealtimeBridge bridge)
{
    public async Task<ClickToCallOutcome> StartAsync(Caller caller, ClickToCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if ((request.ClientId is null) == string.IsNullOrWhiteSpace(request.Number))
        {
            return ClickToCallOutcome.Invalid("clientId", "give either clientId or number, not both.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        string number;
        long? clientId;
        if (request.ClientId is { } requested)
        {
            var client = await db.Clients.AsNoTracking().VisibleTo(caller, db)
                .Where(c => c.Id == requested)
                .Select(c => new { c.Id, Phone = c.Phones.OrderBy(p => p.Id).Select(p => p.E164).FirstOrDefault() })
                .SingleOrDefaultAsync(cancellationToken);
            if (client is null)
            {
                return ClickToCallOutcome.NotFound("clientId");
            }

            if (client.Phone is null)
            {
                return ClickToCallOutcome.Invalid("clientId", "the client has no phone number.");
            }

            (number, clientId) = (client.Phone, client.Id);
        }
        else
        {
            if (request.Number!.Length > 40)
            {
                return ClickToCallOutcome.Invalid("number", "is not a phone number (too long).");
            }

            if (!normalizer.TryNormalize(request.Number, out number, out var error))
            {
                return ClickToCallOutcome.Invalid("number", $"is not a phone number ({error}).");
            }

            var e164 = number;
            var owners = await db.PhoneNumbers.AsNoTracking().Where(p => p.E164 == e164 && p.ClientId != null).Select(p => p.ClientId!.Value).ToListAsync(cancellationToken);
            var visible = owners.Count == 0 ? [] : await db.Clients.AsNoTracking().VisibleTo(caller, db).Where(c => owners.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
            if (owners.Count > 0 && visible.Count == 0)
            {
                // Someone else's client: an agent may only call their own.
                return ClickToCallOutcome.NotFound("number");
            }

            clientId = visible.Count > 0 ? visible.Min() : null;
        }

        var me = caller.Id;
        var endpoints = await db.Users.AsNoTracking().Where(u => u.Id == me && u.IsActive).Select(u => u.Endpoints).SingleOrDefaultAsync(cancellationToken);
        if (endpoints is not { Count: > 0 })
        {
            return ClickToCallOutcome.Refused("you have no phone endpoint configured.");
        }

        var callId = "c2c-" + Guid.NewGuid().ToString("N");
        try
        {
            await grains.GetGrain<ICallGrain>(callId).StartOutboundAsync(me, number);
        }
        catch (InvalidOperationException refused)
        {
            // Not available, already on a call, in wrap-up: the agent grain's own answer.
            return ClickToCallOutcome.Refused(refused.Message);
        }
        catch (ArgumentException invalid)
        {
            return ClickToCallOutcome.Invalid("number", invalid.Message);
        }

        bridge.AgentChanged(me);
        return ClickToCallOutcome.Started(new ClickToCallResponse(callId, number, clientId));
    }
}
