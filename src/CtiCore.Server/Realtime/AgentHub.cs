using CtiCore.Abstractions.Agents;
using CtiCore.Abstractions.Calls;
using CtiCore.Abstractions.Campaigns;
using CtiCore.Data;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Telephony;
using CtiCore.Grains.Timing;
using CtiCore.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Realtime;

/// <summary>
/// The agent desktop's hub (/hubs/agent). Every message goes to the calling user only (SignalR's user id is the
/// CRM user id claim); nothing is broadcast. Call controls act only on the agent's own current call.
/// </summary>
[Authorize]
internal sealed class AgentHub(
    IGrainFactory grains,
    AgentDesk desk,
    RealtimeBridge bridge,
    ITelephonyCommandSink commands,
    [FromKeyedServices(RealtimeHostingExtensions.PbxCommandSinkKey)] ITelephonyCommandSink pbx,
    IDbContextFactory<CrmDbContext> contexts,
    [FromKeyedServices(CtiCoreClock.Key)] TimeProvider time) : Hub<IAgentClient>
{
    private const int MaxNotesLength = 4000;

    private long Me => Context.User!.ToCaller().Id;

    private IAgentGrain Agent => grains.GetGrain<IAgentGrain>(Me);

    /// <summary>
    /// Every connection joins its agent's own group: the bridge sends to that group, a dictionary look-up, where
    /// <c>Clients.User</c> compares the user id of every connected desktop on each message.
    /// </summary>
    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeBridge.AgentGroup(Me));
        await base.OnConnectedAsync();
    }

    /// <summary>Current state and live pop (a ringing call included): called on connect, reconnect and on a sequence gap.</summary>
    public async Task<AgentSnapshotMessage> GetSnapshot()
    {
        var sequence = desk.CurrentSequence(Me);
        var (state, _) = await bridge.StateOfAsync(Me, sequence);
        return new AgentSnapshotMessage(sequence, state, desk.PopOf(Me));
    }

    public async Task SetAvailable()
    {
        var view = await Guard(() => Agent.LogInAsync());
        if (view.Status == Domain.Routing.AgentStatus.Paused)
        {
            await Guard(() => Agent.ResumeAsync());
        }

        bridge.AgentChanged(Me);
    }

    public async Task Pause(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 100)
        {
            throw new HubException("A pause needs a reason of at most 100 characters.");
        }

        await Guard(() => Agent.LogInAsync());
        await Guard(() => Agent.PauseAsync(reason.Trim()));
        bridge.AgentChanged(Me);
    }

    public async Task LogOut()
    {
        await Guard(() => Agent.LogOutAsync());
        bridge.AgentChanged(Me);
    }

    public async Task HangUp(string callId)
    {
        await OwnCallAsync(callId);
        await commands.SendAsync(new HangupCommand { CommandId = $"{callId}:desk-hangup:{Me}", CallId = callId, IssuedAt = time.GetUtcNow(), Reason = "agent hung up" }, Context.ConnectionAborted);
    }

    /// <summary>Which call controls the PBX adapter carries out; the desktop hides the others.</summary>
    public CallControls GetCallControls() => new(Supports(typeof(HoldCommand)) && Supports(typeof(ResumeCommand)), Supports(typeof(AnswerCommand)));

    public async Task Hold(string callId)
    {
        await OwnCallAsync(callId);
        await commands.SendAsync(new HoldCommand { CommandId = $"{callId}:desk-hold:{Guid.NewGuid():N}", CallId = callId, IssuedAt = time.GetUtcNow() }, Context.ConnectionAborted);
    }

    public async Task Resume(string callId)
    {
        await OwnCallAsync(callId);
        await commands.SendAsync(new ResumeCommand { CommandId = $"{callId}:desk-resume:{Guid.NewGuid():N}", CallId = callId, IssuedAt = time.GetUtcNow() }, Context.ConnectionAborted);
    }

    /// <summary>Answers the call ringing at the agent's phone, where the PBX allows it; otherwise a clear error.</summary>
    public async Task Answer(string callId)
    {
        if (!Supports(typeof(AnswerCommand)))
        {
            throw new HubException("This PBX cannot answer your phone from the desktop; pick up the phone.");
        }

        await OwnCallAsync(callId);
        var view = await Agent.GetViewAsync();
        if (desk.PopOf(Me) is not { Stage: "ringing" } pop || pop.CallId != callId)
        {
            throw new HubException("That call is not ringing at your phone.");
        }

        await commands.SendAsync(new AnswerCommand { CommandId = $"{callId}:desk-answer:{Me}", CallId = callId, IssuedAt = time.GetUtcNow(), Endpoint = view.Endpoint ?? string.Empty }, Context.ConnectionAborted);
    }

    /// <summary>Transfers to an agent's endpoint or extension (letters or a short number) or to a phone number.</summary>
    public async Task Transfer(string callId, string destination)
    {
        if (string.IsNullOrWhiteSpace(destination) || destination.Length > 64)
        {
            throw new HubException("Name an endpoint, extension or phone number to transfer to.");
        }

        await OwnCallAsync(callId);
        destination = destination.Trim();
        var digits = destination.Count(char.IsAsciiDigit);
        var kind = digits >= 7 && destination.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')')
            ? TransferDestinationKind.Number
            : TransferDestinationKind.Endpoint;
        await commands.SendAsync(new TransferCommand { CommandId = $"{callId}:desk-transfer:{Me}:{destination}", CallId = callId, IssuedAt = time.GetUtcNow(), DestinationKind = kind, Destination = destination }, Context.ConnectionAborted);
    }

    /// <summary>Click-to-call: rings the agent's phone, then dials <paramref name="number"/>. Returns the new call id.</summary>
    public async Task<string> ClickToCall(string number)
    {
        if (string.IsNullOrWhiteSpace(number) || number.Length > 40)
        {
            throw new HubException("Give the number to call.");
        }

        var callId = "desk-" + Guid.NewGuid().ToString("N");
        var view = await Guard(() => grains.GetGrain<ICallGrain>(callId).StartOutboundAsync(Me, number));
        bridge.AgentChanged(Me);
        return view.CallId;
    }

    /// <summary>Writes disposition and notes to the call's Interaction and optionally a follow-up task; returns the Interaction id.</summary>
    public async Task<long> SubmitWrapUp(WrapUpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.CallId))
        {
            throw new HubException("Wrap-up needs the call id.");
        }

        if (request.Notes?.Length > MaxNotesLength || request.Disposition?.Length > 100 || request.FollowUpTitle?.Length > 200)
        {
            throw new HubException($"Notes are limited to {MaxNotesLength} characters, the disposition to 100 and the task title to 200.");
        }

        await using var db = await contexts.CreateDbContextAsync(Context.ConnectionAborted);
        var me = Me;
        var interaction = await db.Interactions.FirstOrDefaultAsync(i => i.CallKey == request.CallId && i.AgentId == me, Context.ConnectionAborted);
        if (interaction is null && await TransferWrapUp.TrySubmitAsync(db, me, request, time.GetUtcNow(), Context.ConnectionAborted) is { } handedOver)
        {
            // This agent transferred the call on: their wrap-up goes to their hand-over, never over the finishing agent's.
            FinishWrapUp(me, request.CallId);
            return handedOver;
        }

        if (interaction is null)
        {
            throw new HubException("That call has no Interaction of yours yet; it is written when the call ends.");
        }
        if (CampaignCallId.TryParse(request.CallId, out var campaignId, out _) && !string.IsNullOrWhiteSpace(request.Disposition))
        {
            // The campaign applies it to the dial-list entry (final, callback at a time, retry by its rules) first,
            // so a code the campaign does not know is refused before anything is written.
            await Guard(async () =>
            {
                await grains.GetGrain<ICampaignGrain>(campaignId).SetDispositionAsync(request.CallId, request.Disposition.Trim(), request.CallbackAt);
                return true;
            });
        }

        interaction.Disposition = string.IsNullOrWhiteSpace(request.Disposition) ? null : request.Disposition.Trim();
        interaction.Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim();
        if (!string.IsNullOrWhiteSpace(request.FollowUpTitle))
        {
            var now = time.GetUtcNow();
            db.Tasks.Add(new FollowUpTask
            {
                Title = request.FollowUpTitle.Trim(),
                OwnerId = me,
                ClientId = interaction.ClientId,
                InteractionId = interaction.Id,
                DueAt = request.FollowUpDueAt ?? now.AddDays(1),
                State = FollowUpTaskState.Open,
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(Context.ConnectionAborted);
        FinishWrapUp(me, request.CallId);
        return interaction.Id;
    }

    private void FinishWrapUp(long me, string callId)
    {
        if (desk.PopOf(me)?.CallId == callId)
        {
            desk.SetPop(me, null);
        }

        bridge.AgentChanged(me);
    }

    private bool Supports(Type commandType) => pbx is not ITelephonyCommandSupport support || support.Supports(commandType);

    private async Task OwnCallAsync(string callId)
    {
        if (string.IsNullOrWhiteSpace(callId))
        {
            throw new HubException("Name the call.");
        }

        var view = await Agent.GetViewAsync();
        if (view.CurrentCallId != callId && desk.PopOf(Me)?.CallId != callId)
        {
            throw new HubException("That is not your call.");
        }
    }

    /// <summary>The grains report refused transitions as exceptions; the desktop shows their message.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            throw new HubException(ex.Message);
        }
    }
}
