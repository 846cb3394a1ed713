namespace CtiCore.Telephony.Agi;

/// <summary>
/// What the FastAGI route request tells the dialplan (dialplans/extensions.conf reads CTICORE_ACTION and
/// CTICORE_TARGET). <see cref="Action"/> is "dial" (ring <see cref="Target"/>), "queue" (wait in the Asterisk queue
/// <see cref="Target"/>) or "fallback" (no decision in time: the dialplan's own fallback takes the call).
/// </summary>
public sealed record AgiRouteAnswer(string Action, string Target)
{
    public static readonly AgiRouteAnswer Fallback = new("fallback", string.Empty);

    public static AgiRouteAnswer Dial(string endpoint) => new("dial", endpoint);

    public static AgiRouteAnswer Queue(string queue) => new("queue", queue);
}
