using Microsoft.EntityFrameworkCore;

namespace CtiCore.Data;

/// <summary>The embedded default: one SQLite file under the data folder.</summary>
public sealed class SqliteCrmDbContext(DbContextOptions<SqliteCrmDbContext> options) : CrmDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no native DateTimeOffset: stored as text it can neither be compared nor ordered in SQL.
        // Stored as UTC ticks it sorts in time order whatever offset it was written with, so period filters
        // run in the database.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksDateTimeOffsetConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksDateTimeOffsetConverter>();

        // SQLite cannot compare decimals either; money is stored as text with full precision and never filtered on.
    }
}
