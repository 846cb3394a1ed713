using CtiCore.Asterisk.Protocol.Agi;

namespace CtiCore.Telephony.Agi;

/// <summary>Decides where a call that asked through FastAGI goes. Must answer within its timeout, never throw for a bad request.</summary>
public interface IAgiRouteResolver
{
    Task<AgiRouteAnswer> ResolveAsync(AgiRequest request, CancellationToken cancellationToken);
}
