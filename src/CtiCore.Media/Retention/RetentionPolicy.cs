namespace CtiCore.Media.Retention;

/// <summary>
/// How long recordings are kept, in days from the call, with a period per department. 0 days means "keep until
/// deleted by hand". Bound from <c>Recording:Retention</c>.
/// </summary>
public sealed class RetentionPolicy
{
    public const string SectionName = "Recording:Retention";

    public int DefaultDays { get; set; } = 365;

    /// <summary>Department key → days; departments not listed use <see cref="DefaultDays"/>.</summary>
    public Dictionary<string, int> DepartmentDays { get; set; } = new(StringComparer.Ordinal);

    public int DaysFor(string? departmentKey)
        => departmentKey is not null && DepartmentDays.TryGetValue(departmentKey, out var days) ? days : DefaultDays;

    public void Validate()
    {
        if (DefaultDays < 0 || DepartmentDays.Values.Any(d => d < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(DepartmentDays), "Retention days cannot be negative (0 keeps forever).");
        }
    }
}
