using CtiCore.Domain.Crm;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Data.Tests.Crm;

/// <summary>A fresh CRM database in a temporary SQLite file, created from the model (no migrations needed).</summary>
public sealed class SqliteCrmFixture : IDbContextFactory<CrmDbContext>, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"cticore-crm-{Guid.NewGuid():N}.db");
    private readonly DbContextOptions<SqliteCrmDbContext> _options;

    public SqliteCrmFixture()
    {
        _options = new DbContextOptionsBuilder<SqliteCrmDbContext>().UseSqlite($"Data Source={_path}").Options;
        using var db = CreateDbContext();
        db.Database.EnsureCreated();
    }

    public CrmDbContext CreateDbContext() => new SqliteCrmDbContext(_options);

    public async Task<T> AddAsync<T>(T entity)
        where T : class
    {
        await using var db = CreateDbContext();
        db.Add(entity);
        await db.SaveChangesAsync();
        return entity;
    }

    public static User Agent(string name, long? departmentId, params string[] endpoints) => new()
    {
        Login = name.ToLowerInvariant(),
        DisplayName = name,
        PasswordHash = "not-a-real-hash",
        DepartmentId = departmentId,
        Endpoints = [.. endpoints],
    };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}
