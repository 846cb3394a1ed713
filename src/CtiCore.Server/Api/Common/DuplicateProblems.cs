using CtiCore.Data.Clients;

namespace CtiCore.Server.Api.Common;

internal static class DuplicateProblems
{
    /// <summary>409 that names the field and the client that already holds the value.</summary>
    public static IResult From(DuplicateConflict conflict)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        return ApiProblems.Conflict(
            conflict.Field,
            $"Another client already has this {conflict.Field} ({conflict.Value}): '{conflict.ExistingClientName}' (id {conflict.ExistingClientId}).",
            new Dictionary<string, object?>
            {
                ["existingClientId"] = conflict.ExistingClientId,
                ["existingClientName"] = conflict.ExistingClientName,
            });
    }

    /// <summary>The unique index refused the save, yet the re-check found no holder (it was deleted meanwhile).</summary>
    public static IResult Unattributed() =>
        ApiProblems.Conflict("unknown", "A value that must be unique (TIN, e-mail, phone number, login, extension or name) is already in use.");
}
