using CtiCore.Data.DesignTime;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Data.Tests;

/// <summary>
/// Fails when the model was changed without adding a migration for each provider. Fix: run
/// <c>dotnet ef migrations add NAME --project src/CtiCore.Data --context SqliteCrmDbContext --output-dir Migrations/Sqlite</c>
/// and the same with <c>PostgresCrmDbContext</c> and <c>Migrations/Postgres</c>.
/// </summary>
public sealed class MigrationSnapshotTests
{
    [Fact]
    public void Sqlite_migrations_capture_the_whole_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no SQLite migration captures.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void Postgres_migrations_capture_the_whole_model()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no PostgreSQL migration captures.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }
}
