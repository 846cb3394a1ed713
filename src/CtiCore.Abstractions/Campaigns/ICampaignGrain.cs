using CtiCore.Abstractions.Calls;
using CtiCore.Domain.Telephony;

namespace CtiCore.Abstractions.Campaigns;

/// <summary>
/// One telemarketing campaign (key: campaign id). While running it paces calls every second, picks due entries
/// that pass <c>DialEligibility</c> at that moment, originates them, connects answers to its agents within 2 s (or
/// counts an abandon) and writes each outcome back to the entry and the call log. Idempotent by call id.
/// </summary>
public interface ICampaignGrain : IGrainWithIntegerKey
{
    /// <summary>Draft or Paused → Running. Throws <see cref="InvalidOperationException"/> for a stopped or unknown campaign.</summary>
    Task<CampaignView> StartAsync();

    /// <summary>No new calls; calls in progress finish.</summary>
    Task<CampaignView> PauseAsync();

    /// <summary>Final: no new calls, ever.</summary>
    Task<CampaignView> StopAsync();

    /// <summary>"Preview", "Progressive" or "Predictive".</summary>
    Task<CampaignView> SetPacingAsync(string pacing);

    Task<CampaignView> GetViewAsync();

    /// <summary>Re-reads the campaign and the do-not-call lists from the CRM (after an edit).</summary>
    Task ReloadAsync();

    /// <summary>One pacing round; the grain's own timer calls it every second while running.</summary>
    Task TickAsync();

    /// <summary>Preview mode: reserves the agent and dials the next eligible entry for them; false when none is due.</summary>
    Task<bool> DialForAgentAsync(long agentId);

    /// <summary>An event of one of the campaign's calls (the dispatcher sends those whose id is a <see cref="CampaignCallId"/>).</summary>
    Task HandleAsync(CallEvent callEvent);

    /// <summary>The agent's result of an answered call; <paramref name="callbackAt"/> for "call me back at…".</summary>
    Task SetDispositionAsync(string callId, string disposition, DateTimeOffset? callbackAt);

    /// <summary>
    /// The call as the desktop shows it (stage, callee, the agent it rings or talks to), like a call grain's view;
    /// null for a call this activation never placed. Ended calls stay readable for a while, for their last pop.
    /// </summary>
    Task<CallView?> GetCallViewAsync(string callId);

    /// <summary>
    /// Called by the grain's own timer when the PBX said the dial failed without saying why and no CallEnded followed:
    /// the call then ends as Failed.
    /// </summary>
    Task DialVerdictDeadlineAsync(string callId);

    /// <summary>
    /// Called by the grain's own timer when an answered call's machine-detection verdict has not come: the call is
    /// then treated as a person ("not sure") and offered to an agent.
    /// </summary>
    Task ScreeningDeadlineAsync(string callId);

    /// <summary>Called by the grain's own timer when an answered call has waited 2 s for an agent.</summary>
    Task ConnectDeadlineAsync(string callId);
}
