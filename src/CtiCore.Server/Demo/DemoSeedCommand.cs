using System.Globalization;
using System.Text;
using CtiCore.Data;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Phones;
using CtiCore.Server.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Demo;

/// <summary>
/// <c>dotnet run --project src/CtiCore.Server -- --seed-demo</c>: migrates, then fills an empty CRM with demo
/// departments, users, clients, calls, tasks and deals in one transaction. With data already there it does
/// nothing (exit 0), so running it twice is safe.
/// </summary>
internal static class DemoSeedCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken).ConfigureAwait(false);

        var contexts = services.GetRequiredService<IDbContextFactory<CrmDbContext>>();
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            if (await db.Clients.AnyAsync(cancellationToken).ConfigureAwait(false)
                || await db.Departments.AnyAsync(cancellationToken).ConfigureAwait(false)
                || await db.Users.AnyAsync(u => u.Role != UserRole.Admin, cancellationToken).ConfigureAwait(false))
            {
                await Console.Out.WriteLineAsync("The CRM already has data: --seed-demo only fills an empty database. Nothing changed.").ConfigureAwait(false);
                return 0;
            }

            var generator = new DemoDataGenerator(
                services.GetRequiredService<PhoneNormalizer>(),
                services.GetRequiredService<IPasswordHasher<User>>(),
                services.GetRequiredService<TimeProvider>());
            var data = generator.Generate();
            db.Departments.AddRange(data.Departments);
            db.Users.AddRange(data.Users);
            db.Clients.AddRange(data.Clients);
            db.Interactions.AddRange(data.Interactions);
            db.Tasks.AddRange(data.Tasks);
            db.Deals.AddRange(data.Deals);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(Summary(data)).ConfigureAwait(false);
            return 0;
        }
    }

    private static string Summary(DemoData data)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Demo CRM created: {data.Departments.Count} departments, {data.Users.Count} users, {data.Clients.Count} clients, {data.Interactions.Count} calls, {data.Tasks.Count} tasks, {data.Deals.Count} deals.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Demo logins (password for all: {DemoDataGenerator.DemoPassword}):");
        foreach (var user in data.Users)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {user.Login,-12} {user.Role,-10} ext {user.Extension}  {user.DisplayName} ({user.Department?.Name})");
        }

        return text.ToString();
    }
}
