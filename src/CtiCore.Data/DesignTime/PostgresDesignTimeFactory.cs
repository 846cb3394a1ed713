using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CtiCore.Data.DesignTime;

/// <summary>
/// Lets <c>dotnet ef migrations add --context PostgresCrmDbContext</c> build the model without a running server:
/// generating a migration only compares models, it never opens this connection.
/// </summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCrmDbContext>
{
    public PostgresCrmDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresCrmDbContext>();
        CrmDataServiceCollectionExtensions.ConfigurePostgres(options, "Host=localhost;Database=cticore");
        return new PostgresCrmDbContext(options.Options);
    }
}
