using System.Security.Claims;
using CtiCore.Data;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Auth;

/// <summary>
/// Re-reads the user behind a cookie or token on every request, so a deactivated user is locked out at once and
/// a role or department change applies without logging in again. One primary-key query per request.
/// </summary>
internal sealed class PrincipalRefresher(IDbContextFactory<CrmDbContext> contexts)
{
    public async Task<ClaimsPrincipal?> RefreshAsync(ClaimsPrincipal? principal, string authenticationType, CancellationToken cancellationToken)
    {
        if (principal is null || CallerPrincipal.UserId(principal) is not { } id)
        {
            return null;
        }

        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken).ConfigureAwait(false);
            return user is { IsActive: true } ? CallerPrincipal.Create(user, authenticationType) : null;
        }
    }
}
