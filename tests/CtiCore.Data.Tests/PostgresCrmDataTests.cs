using CtiCore.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CtiCore.Data.Tests;

/// <summary>The shared tests on a real PostgreSQL 15 server (a private cluster started for the run).</summary>
public sealed class PostgresCrmDataTests(PostgresServer server) : CrmDataTests
{
    // A handful of rows never justifies an index to the planner; with sequential scans priced out, the plan
    // shows whether the query can use the index at all, which is what this checks.
    protected override (string? Setup, string Prefix) ExplainSyntax => ("SET enable_seqscan = off", "EXPLAIN ");

    protected override string FullScanMarker => "Seq Scan";

    protected override Type ExpectedContextType => typeof(PostgresCrmDbContext);

    protected override Task<string> CreateEmptyDatabaseAsync() => server.CreateDatabaseAsync(Ct);

    protected override CrmDbContext CreateContext(string connectionString, IInterceptor interceptor)
    {
        var options = new DbContextOptionsBuilder<PostgresCrmDbContext>();
        CrmDataServiceCollectionExtensions.ConfigurePostgres(options, connectionString);
        options.AddInterceptors(interceptor);
        return new PostgresCrmDbContext(options.Options);
    }
}
