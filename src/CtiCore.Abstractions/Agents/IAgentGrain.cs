using CtiCore.Domain.Telephony;

namespace CtiCore.Abstractions.Agents;

/// <summary>
/// One agent (key: CRM user id). A state machine: logged out → available ⇄ paused(reason);
/// available → reserved/ringing → on call → wrap-up (timed) → available; ringing without answer → auto-pause.
/// Every call-related method is idempotent by call id, since Orleans may deliver a call twice.
/// </summary>
public interface IAgentGrain : IGrainWithIntegerKey
{
    /// <summary>Throws <see cref="InvalidOperationException"/> for a user the CRM does not know or has deactivated.</summary>
    Task<AgentView> LogInAsync();

    /// <summary>Throws <see cref="InvalidOperationException"/> while the agent is ringing or on a call.</summary>
    Task<AgentView> LogOutAsync();

    /// <summary>Pauses now, or after the current call when the agent is ringing, talking or wrapping up.</summary>
    Task<AgentView> PauseAsync(string reason);

    Task<AgentView> ResumeAsync();

    Task<AgentView> GetViewAsync();

    /// <summary>Reserves the agent for <paramref name="callId"/> if they are available; true again for the same call.</summary>
    Task<ReservationResult> TryReserveAsync(string callId);

    /// <summary>The call no longer wants this agent (caller hung up, answered elsewhere).</summary>
    Task ReleaseAsync(string callId);

    /// <summary>
    /// The phone did not take the call (rang out, declined, unreachable): the agent is paused with
    /// <paramref name="pauseReason"/>. A call the agent was offered and did not take counts as missed; an unreachable
    /// phone is a device problem, not a missed call.
    /// </summary>
    Task RingFailedAsync(string callId, RingFailureReason reason, string pauseReason);

    /// <summary>
    /// The phone answered busy (busy with something else): the agent is released, not paused and not counted as having
    /// missed a call, and offered no call for <paramref name="coolDown"/>.
    /// </summary>
    Task RingBusyAsync(string callId, TimeSpan coolDown);

    /// <summary>False when the agent is already talking on another call.</summary>
    Task<bool> CallAnsweredAsync(string callId, DateTimeOffset answeredAt);

    /// <summary>Counts the call into today's figures and starts wrap-up.</summary>
    Task CallEndedAsync(string callId, DateTimeOffset endedAt, TimeSpan wrapUp);

    Task DeviceStateChangedAsync(DeviceState state, EventOrder order);

    /// <summary>Called by the agent's own wrap-up timer.</summary>
    Task WrapUpElapsedAsync(string callId);
}
