namespace CtiCore.Grains.Hosting;

/// <summary>Options of the grains, bound from "CtiCore:Grains". Nothing secret in here.</summary>
public sealed class CtiCoreGrainsOptions
{
    public const string SectionName = "CtiCore:Grains";

    /// <summary>ISO 3166 region for caller numbers written without a country code.</summary>
    public string DefaultRegion { get; set; } = "RU";

    /// <summary>Department for calls whose dialled number matches none; null means the one with the lowest id.</summary>
    public long? DefaultDepartmentId { get; set; }

    /// <summary>How long a caller grain trusts its cached CRM lookup.</summary>
    public int CallerCacheSeconds { get; set; } = 300;

    /// <summary>How many times a call may overflow from department to department before it goes to voicemail.</summary>
    public int MaxOverflowHops { get; set; } = 3;

    /// <summary>Delay before the call grain retries a journal write that failed (database down).</summary>
    public int JournalRetrySeconds { get; set; } = 10;

    /// <summary>How long the router trusts its copy of the department's absences and settings.</summary>
    public int DirectoryRefreshSeconds { get; set; } = 60;

    public override string ToString() =>
        $"DefaultRegion={DefaultRegion}, DefaultDepartmentId={DefaultDepartmentId}, CallerCacheSeconds={CallerCacheSeconds}, " +
        $"MaxOverflowHops={MaxOverflowHops}, JournalRetrySeconds={JournalRetrySeconds}, DirectoryRefreshSeconds={DirectoryRefreshSeconds}";
}
