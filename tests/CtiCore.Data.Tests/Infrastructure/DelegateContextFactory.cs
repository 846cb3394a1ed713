using Microsoft.EntityFrameworkCore;

namespace CtiCore.Data.Tests.Infrastructure;

/// <summary>A factory over a delegate, for tests that need a context built with their own options.</summary>
internal sealed class DelegateContextFactory(Func<CrmDbContext> create) : IDbContextFactory<CrmDbContext>
{
    public CrmDbContext CreateDbContext() => create();
}
