using CtiCore.Data.Clients;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Data;

/// <summary>Registers the CRM database and its services, and brings the schema up to date at start.</summary>
public static class CrmDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers a pooled <see cref="IDbContextFactory{CrmDbContext}"/> (use it from singletons and grains),
    /// a scoped <see cref="CrmDbContext"/> (for request handlers), <see cref="ClientLookup"/> and
    /// <see cref="ClientDuplicateChecker"/>. The provider follows from <paramref name="connectionString"/>:
    /// "Data Source=…" or a file path is SQLite, "Host=…" is PostgreSQL.
    /// </summary>
    /// <exception cref="InvalidOperationException">The connection string is unusable; the message names <see cref="CrmConnectionString.SettingName"/>.</exception>
    public static IServiceCollection AddCrmData(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        var parsed = CrmConnectionString.Parse(connectionString);
        services.AddSingleton(parsed);

        switch (parsed.Provider)
        {
            case CrmDatabaseProvider.Sqlite:
                services.AddPooledDbContextFactory<SqliteCrmDbContext>(o => ConfigureSqlite(o, parsed.Value));
                AddSharedContext<SqliteCrmDbContext>(services);
                break;
            case CrmDatabaseProvider.Postgres:
                services.AddPooledDbContextFactory<PostgresCrmDbContext>(o => ConfigurePostgres(o, parsed.Value));
                AddSharedContext<PostgresCrmDbContext>(services);
                break;
        }

        services.AddSingleton<ClientLookup>();
        services.AddSingleton<ClientDuplicateChecker>();
        return services;
    }

    /// <summary>
    /// Applies every pending migration. For SQLite it first creates the database file's folder, and afterwards
    /// switches the file to write-ahead logging (persistent in the file) so readers never wait for a writer.
    /// </summary>
    public static async Task MigrateCrmDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var connection = services.GetRequiredService<CrmConnectionString>();
        if (connection.SqliteFilePath is { } path)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        var factory = services.GetRequiredService<IDbContextFactory<CrmDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);

        if (connection.SqliteFilePath is not null)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    internal static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true }.ConnectionString);

    internal static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString);

    private static void AddSharedContext<TContext>(IServiceCollection services)
        where TContext : CrmDbContext
    {
        services.AddSingleton<IDbContextFactory<CrmDbContext>, CrmDbContextFactory<TContext>>();

        // A request's context comes from the same pool; the scope disposes it, which returns it to the pool.
        services.AddScoped<CrmDbContext>(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
    }
}
