using CtiCore.Domain.Telephony;

namespace CtiCore.Abstractions.Telephony;

/// <summary>
/// The one entry point for PBX adapters: hand every PBX-neutral event here and it reaches the right grain
/// (call events the call grain, device states the agent grain). Throws <see cref="ArgumentException"/> for an
/// event that is not well formed; the adapter logs it and carries on.
/// </summary>
public interface ITelephonyEventSink
{
    Task PublishAsync(TelephonyEvent telephonyEvent, CancellationToken cancellationToken);
}
