using System.Security.Cryptography;
using CtiCore.Data;
using CtiCore.Domain.Crm;
using CtiCore.Server.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CtiCore.Server.Auth;

/// <summary>
/// Makes sure the CRM has an active administrator. With none, it creates <c>Cti:Admin:User</c> (CTI_ADMIN_USER,
/// default "admin") with <c>Cti:Admin:Password</c> (CTI_ADMIN_PASSWORD); when no password is configured it
/// generates one and prints it once to the console — deliberately not through the logger, so it never reaches
/// the log file.
/// </summary>
internal sealed partial class AdminBootstrapper(
    IDbContextFactory<CrmDbContext> contexts,
    IPasswordHasher<User> hasher,
    IOptions<AdminBootstrapOptions> options,
    TimeProvider time,
    ILogger<AdminBootstrapper> logger)
{
    private const string PasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private const int GeneratedPasswordLength = 20;

    public async Task EnsureAdminAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (await db.Users.AnyAsync(u => u.Role == UserRole.Admin && u.IsActive, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var generated = string.IsNullOrEmpty(settings.Password);
            var password = generated ? RandomNumberGenerator.GetString(PasswordAlphabet, GeneratedPasswordLength) : settings.Password!;
            var login = settings.User.Trim();
            var user = await db.Users.FirstOrDefaultAsync(u => u.Login == login, cancellationToken).ConfigureAwait(false);
            if (user is null)
            {
                user = new User { Login = login, DisplayName = "Administrator", PasswordHash = string.Empty, CreatedAt = time.GetUtcNow() };
                db.Users.Add(user);
            }

            user.Role = UserRole.Admin;
            user.IsActive = true;
            user.PasswordHash = hasher.HashPassword(user, password);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

            LogAdminCreated(logger, login, generated);
            if (generated)
            {
                await PrintOnceAsync(login, password).ConfigureAwait(false);
            }
        }
    }

    private static async Task PrintOnceAsync(string login, string password)
    {
        var text = $"""

            ==================================================================
             CtiCore: first administrator created
               login:    {login}
               password: {password}
             Shown only this once. Log in and change it (PUT /api/auth/password).
            ==================================================================

            """;
        await Console.Out.WriteLineAsync(text).ConfigureAwait(false);
        await Console.Out.FlushAsync().ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "No administrator existed: created '{Login}' (password generated and shown on the console only: {Generated})")]
    private static partial void LogAdminCreated(ILogger logger, string login, bool generated);
}
