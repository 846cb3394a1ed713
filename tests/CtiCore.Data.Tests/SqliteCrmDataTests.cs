using CtiCore.Domain.Crm;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Data.Tests;

/// <summary>The shared tests on a real SQLite file in a temporary folder, plus what only SQLite needs.</summary>
public sealed class SqliteCrmDataTests : CrmDataTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cticore-data-tests", Guid.NewGuid().ToString("N"));

    // The file sits in a folder that does not exist yet: MigrateCrmDatabaseAsync must create it.
    private string DatabasePath => Path.Combine(_folder, "nested", "crm.db");

    protected override (string? Setup, string Prefix) ExplainSyntax => (null, "EXPLAIN QUERY PLAN ");

    protected override string FullScanMarker => "SCAN ";

    protected override Type ExpectedContextType => typeof(SqliteCrmDbContext);

    protected override Task<string> CreateEmptyDatabaseAsync() => Task.FromResult($"Data Source={DatabasePath}");

    protected override CrmDbContext CreateContext(string connectionString, IInterceptor interceptor)
    {
        var options = new DbContextOptionsBuilder<SqliteCrmDbContext>();
        CrmDataServiceCollectionExtensions.ConfigureSqlite(options, connectionString);
        options.AddInterceptors(interceptor);
        return new SqliteCrmDbContext(options.Options);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            SqliteConnection.ClearPool(connection);
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Migration_creates_the_folder_and_the_file_runs_in_WAL_mode_with_foreign_keys_on()
    {
        var services = await DatabaseAsync();

        Assert.True(File.Exists(DatabasePath));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        Assert.Equal("1", await ScalarAsync(connection, "PRAGMA foreign_keys;"));
    }

    [Fact]
    public async Task Instants_written_with_different_offsets_sort_and_filter_in_time_order()
    {
        var services = await DatabaseAsync();
        var factory = services.GetRequiredService<IDbContextFactory<CrmDbContext>>();

        // 10:00 in Vladivostok (+10) is 00:00 UTC, earlier than 01:00 UTC even though its clock reads later.
        var vladivostokMorning = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(10));
        var utcLater = new DateTimeOffset(2026, 3, 1, 1, 0, 0, TimeSpan.Zero);
        await using (var db = await factory.CreateDbContextAsync(Ct))
        {
            db.Clients.Add(Stamp(NewClient("Later"), utcLater));
            db.Clients.Add(Stamp(NewClient("Earlier"), vladivostokMorning));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = await factory.CreateDbContextAsync(Ct))
        {
            var ordered = await db.Clients.OrderBy(c => c.CreatedAt).Select(c => c.Name).ToListAsync(Ct);
            Assert.Equal(["Earlier", "Later"], ordered);
            var cutoff = new DateTimeOffset(2026, 3, 1, 0, 30, 0, TimeSpan.Zero);
            Assert.Equal(["Later"], await db.Clients.Where(c => c.CreatedAt > cutoff).Select(c => c.Name).ToListAsync(Ct));
            var stored = await db.Clients.SingleAsync(c => c.Name == "Earlier", Ct);
            Assert.Equal(vladivostokMorning, stored.CreatedAt); // same instant, read back in UTC
            Assert.Equal(TimeSpan.Zero, stored.CreatedAt.Offset);
        }
    }

    private static Client Stamp(Client client, DateTimeOffset at)
    {
        client.CreatedAt = at;
        client.UpdatedAt = at;
        return client;
    }

    private static async Task<string?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
