using CtiCore.Abstractions.Telephony;
using CtiCore.Domain.Telephony;
using CtiCore.Grains.Telephony;

namespace CtiCore.Server.Realtime;

/// <summary>The event sink adapters publish to: the grains' dispatcher first, then an update of the pops the event may change (answer, hang-up).</summary>
internal sealed class RealtimeEventSink(TelephonyEventDispatcher dispatcher, AgentDesk desk, RealtimeBridge bridge) : ITelephonyEventSink
{
    public async Task PublishAsync(TelephonyEvent telephonyEvent, CancellationToken cancellationToken)
    {
        await dispatcher.PublishAsync(telephonyEvent, cancellationToken).ConfigureAwait(false);
        if (telephonyEvent is CallTransferStarted or CallTransferred)
        {
            await bridge.TransferRingingAsync(((CallEvent)telephonyEvent).CallId).ConfigureAwait(false);
        }

        switch (telephonyEvent)
        {
            case CallAnswered or CallEnded or CallHeld or CallResumed or CallTransferred:
                desk.SetHeld(((CallEvent)telephonyEvent).CallId, telephonyEvent is CallHeld);
                bridge.CallChanged(((CallEvent)telephonyEvent).CallId);
                break;
            case CallRingFailed refused:
                // A phone that refused (a transfer's target included) loses the call's pop; the hold state is untouched.
                bridge.CallChanged(refused.CallId);
                break;
        }
    }
}
