using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Data.Tests;

public sealed class CrmDataRegistrationTests
{
    [Theory]
    [InlineData("Data Source=data/crm.db", CrmDatabaseProvider.Sqlite, typeof(SqliteCrmDbContext))]
    [InlineData("data/crm.db", CrmDatabaseProvider.Sqlite, typeof(SqliteCrmDbContext))]
    [InlineData("/var/lib/cticore/crm.db", CrmDatabaseProvider.Sqlite, typeof(SqliteCrmDbContext))]
    [InlineData("Host=127.0.0.1;Port=6543;Database=crm;Username=cti", CrmDatabaseProvider.Postgres, typeof(PostgresCrmDbContext))]
    public async Task The_provider_follows_from_the_connection_string(string connectionString, CrmDatabaseProvider provider, Type contextType)
    {
        await using var services = new ServiceCollection().AddCrmData(connectionString).BuildServiceProvider(validateScopes: true);

        Assert.Equal(provider, services.GetRequiredService<CrmConnectionString>().Provider);
        await using var pooled = await services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.IsType(contextType, pooled);
        await using var scope = services.CreateAsyncScope();
        Assert.IsType(contextType, scope.ServiceProvider.GetRequiredService<CrmDbContext>());
    }

    [Fact]
    public void A_SQLite_connection_string_always_turns_foreign_keys_on()
    {
        var parsed = CrmConnectionString.Parse("Data Source=crm.db");

        Assert.Contains("Foreign Keys=True", parsed.Value, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("crm.db", parsed.SqliteFilePath);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Database=crm;Username=cti")]
    [InlineData("Data Source=crm.db;Host=db.local")]
    [InlineData("Host=db.local;Port=not-a-port")]
    [InlineData("Data Source=crm.db;Colour=blue")]
    [InlineData("Data Source=")]
    [InlineData("Host='unterminated")]
    public void A_bad_connection_string_names_the_setting_to_fix(string connectionString)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddCrmData(connectionString));

        Assert.Contains("ConnectionStrings:Crm", error.Message, StringComparison.Ordinal);
    }
}
