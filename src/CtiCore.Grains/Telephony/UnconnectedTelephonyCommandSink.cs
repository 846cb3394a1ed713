using CtiCore.Domain.Telephony;
using Microsoft.Extensions.Logging;

namespace CtiCore.Grains.Telephony;

/// <summary>The command sink used until a PBX adapter registers its own: it logs and drops commands.</summary>
internal sealed class UnconnectedTelephonyCommandSink(ILogger<UnconnectedTelephonyCommandSink> logger) : ITelephonyCommandSink
{
    public Task SendAsync(TelephonyCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        GrainLog.NoAdapter(logger, command.GetType().Name, command.CallId);
        return Task.CompletedTask;
    }
}
