using CtiCore.Data;
using CtiCore.Data.Crm;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Grains.Tests.Infrastructure;

/// <summary>
/// A cluster on the real EF ports, wired as the server wires them (<c>AddDbContextFactory</c> +
/// <c>AddCtiCoreCrmPorts</c>), over a temporary SQLite file created from the model.
/// </summary>
public sealed class SqliteClusterFixture : ClusterFixture, IDbContextFactory<CrmDbContext>
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"cticore-grains-{Guid.NewGuid():N}.db");

    private string ConnectionString => $"Data Source={_path}";

    public CrmDbContext CreateDbContext() =>
        new SqliteCrmDbContext(new DbContextOptionsBuilder<SqliteCrmDbContext>().UseSqlite(ConnectionString).Options);

    public override async ValueTask InitializeAsync()
    {
        await using (var db = CreateDbContext())
        {
            await db.Database.EnsureCreatedAsync();
        }

        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    protected override TestWorld CreateWorld() => new(new EfAgentDirectory(this), services =>
    {
        services.AddDbContextFactory<SqliteCrmDbContext>(o => o.UseSqlite(ConnectionString));
        services.AddCtiCoreCrmPorts<SqliteCrmDbContext>();
    });
}
