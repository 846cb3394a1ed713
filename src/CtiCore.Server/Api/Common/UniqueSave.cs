using CtiCore.Data;
using CtiCore.Data.Clients;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Api.Common;

/// <summary>
/// The one SaveChanges of a request. When a concurrent request won the race past the friendly duplicate check,
/// the unique index refuses the save; that becomes the same 409 (re-checked to name the holder), never a 500.
/// </summary>
internal static class UniqueSave
{
    public static async Task<IResult?> SaveAsync(CrmDbContext db, Func<Task<DuplicateConflict?>> recheck, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            var conflict = await recheck().ConfigureAwait(false);
            return conflict is null ? DuplicateProblems.Unattributed() : DuplicateProblems.From(conflict);
        }
    }
}
