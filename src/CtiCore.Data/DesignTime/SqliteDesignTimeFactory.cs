using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CtiCore.Data.DesignTime;

/// <summary>
/// Lets <c>dotnet ef migrations add --context SqliteCrmDbContext</c> build the model without a host or a database:
/// generating a migration only compares models, it never opens this connection.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCrmDbContext>
{
    public SqliteCrmDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteCrmDbContext>();
        CrmDataServiceCollectionExtensions.ConfigureSqlite(options, "Data Source=design-time.db");
        return new SqliteCrmDbContext(options.Options);
    }
}
