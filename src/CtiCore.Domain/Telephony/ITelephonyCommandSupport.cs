namespace CtiCore.Domain.Telephony;

/// <summary>
/// Implemented by a command sink that cannot carry out every command (e.g. answering a call on the agent's phone),
/// so the desktop hides what would not work. A sink without it is taken to support every command.
/// </summary>
public interface ITelephonyCommandSupport
{
    bool Supports(Type commandType);
}
