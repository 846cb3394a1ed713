using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Api.Common;

internal static class PagingExtensions
{
    /// <summary>Counts, then reads one page; <paramref name="query"/> must already be ordered.</summary>
    public static async Task<PagedResult<T>> ToPageAsync<T>(this IQueryable<T> query, PageRequest page, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await query.Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PagedResult<T>(items, total, page.Page, page.PageSize);
    }
}
