using Microsoft.EntityFrameworkCore;

namespace CtiCore.Data.Crm;

/// <summary>Lets the ports, written against <see cref="CrmDbContext"/>, use whichever provider's context the host registered.</summary>
internal sealed class CrmContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<CrmDbContext>
    where TContext : CrmDbContext
{
    public CrmDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<CrmDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
