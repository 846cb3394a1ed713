using CtiCore.Domain.Ports;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Data.Crm;

/// <summary>SIP accounts of the built-in PBX from the CRM users table (active users with digest secrets set).</summary>
public sealed class EfSipAccountDirectory(IDbContextFactory<CrmDbContext> contexts) : ISipAccountDirectory
{
    public async Task<SipAccount?> FindAsync(string sipUserName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sipUserName) || sipUserName.Length > 100)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.Sip != null && (u.Login == sipUserName || u.Extension == sipUserName))
            .Select(u => new { u.Id, u.Login, u.Extension, u.Sip })
            .FirstOrDefaultAsync(cancellationToken);
        if (user?.Sip is not { } sip)
        {
            return null;
        }
        if (string.Equals(user.Login, sipUserName, StringComparison.Ordinal))
        {
            return new SipAccount(user.Id, sipUserName, sip.Realm, sip.LoginMd5, sip.LoginSha256);
        }
        // The extension pair only counts while the extension is still the one it was computed for.
        return string.Equals(sip.Extension, sipUserName, StringComparison.Ordinal) && string.Equals(user.Extension, sipUserName, StringComparison.Ordinal)
            ? new SipAccount(user.Id, sipUserName, sip.Realm, sip.ExtensionMd5, sip.ExtensionSha256)
            : null;
    }

    public async Task<IReadOnlyList<string>> GetSipUserNamesAsync(long userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Login, u.Extension }).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return [];
        }
        return user.Extension is { Length: > 0 } extension ? [user.Login, extension] : [user.Login];
    }
}
