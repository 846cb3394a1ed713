using CtiCore.Data;
using CtiCore.Domain.Crm;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Auth;

/// <summary>Checks a login and password against the CRM's users (Identity v3 hashes, upgraded when outdated).</summary>
internal sealed partial class CredentialVerifier(CrmDbContext db, IPasswordHasher<User> hasher, ILogger<CredentialVerifier> logger)
{
    // Verifying against a fixed hash when the login is unknown keeps the response time the same, so timing does
    // not tell which logins exist.
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<User>().HashPassword(new User { Login = "-", DisplayName = "-", PasswordHash = "-" }, Guid.NewGuid().ToString()));

    public async Task<User?> VerifyAsync(string login, string password, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Login == login, cancellationToken).ConfigureAwait(false);
        if (user is null || !user.IsActive)
        {
            hasher.VerifyHashedPassword(user ?? new User { Login = login, DisplayName = "-", PasswordHash = "-" }, DecoyHash.Value, password);
            LogRejected(logger);
            return null;
        }

        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            LogRejected(logger);
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return user;
    }

    // The login is not logged either: a password typed into the login field would end up in the log.
    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Rejected a login attempt")]
    private static partial void LogRejected(ILogger logger);
}
