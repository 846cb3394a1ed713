namespace CtiCore.Domain.Telephony;

/// <summary>
/// The port through which CtiCore tells the PBX what to do. The Asterisk adapter and the built-in SIP endpoint
/// implement it. Implementations must be idempotent by <see cref="TelephonyCommand.CommandId"/> and must not
/// throw for a call the PBX no longer has (the caller may hang up at any moment); they report that as an event.
/// </summary>
public interface ITelephonyCommandSink
{
    Task SendAsync(TelephonyCommand command, CancellationToken cancellationToken);
}
