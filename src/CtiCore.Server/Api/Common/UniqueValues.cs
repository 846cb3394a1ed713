namespace CtiCore.Server.Api.Common;

internal static class UniqueValues
{
    /// <summary>Trimmed, non-blank, distinct values in input order.</summary>
    public static List<string> Clean(IReadOnlyList<string>? values) =>
        (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList();
}
