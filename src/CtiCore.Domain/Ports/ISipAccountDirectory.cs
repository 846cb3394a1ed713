namespace CtiCore.Domain.Ports;

/// <summary>CRM users as SIP accounts of the built-in PBX: their digest secrets and the names their phones register as.</summary>
public interface ISipAccountDirectory
{
    /// <summary>The active user whose login or extension is <paramref name="sipUserName"/>, with the H(A1) pair for that name.</summary>
    Task<SipAccount?> FindAsync(string sipUserName, CancellationToken cancellationToken);

    /// <summary>The names user <paramref name="userId"/>'s phones may register as: login, then extension.</summary>
    Task<IReadOnlyList<string>> GetSipUserNamesAsync(long userId, CancellationToken cancellationToken);
}

/// <summary>A user's digest secrets for one SIP user name in one realm.</summary>
public sealed record SipAccount(long UserId, string SipUserName, string Realm, string? Md5Ha1, string? Sha256Ha1);
