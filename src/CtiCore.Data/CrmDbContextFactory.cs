using Microsoft.EntityFrameworkCore;

namespace CtiCore.Data;

/// <summary>
/// Hands out the provider's context as the shared <see cref="CrmDbContext"/>, so callers never care which
/// provider is configured. Contexts come from EF's pool; disposing one returns it there.
/// </summary>
internal sealed class CrmDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<CrmDbContext>
    where TContext : CrmDbContext
{
    public CrmDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<CrmDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
