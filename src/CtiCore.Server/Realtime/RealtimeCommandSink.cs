using CtiCore.Domain.Telephony;

namespace CtiCore.Server.Realtime;

/// <summary>
/// Wraps the PBX command sink: a <see cref="RouteToEndpointCommand"/> is the moment a call is offered to an
/// agent (their phone starts ringing), so the pop is queued right then, before the agent answers.
/// </summary>
internal sealed class RealtimeCommandSink(ITelephonyCommandSink pbx, RealtimeBridge bridge) : ITelephonyCommandSink
{
    public async Task SendAsync(TelephonyCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await pbx.SendAsync(command, cancellationToken).ConfigureAwait(false);
        if (command is RouteToEndpointCommand route)
        {
            bridge.CallOffered(route.CallId, route.AgentId);
        }
    }
}
