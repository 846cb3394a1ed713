namespace CtiCore.Server.Configuration;

/// <summary>Phone number handling (section <c>Cti:Phone</c>).</summary>
public sealed class PhoneOptions
{
    public const string SectionName = "Cti:Phone";

    /// <summary>ISO 3166 region used for numbers written without a country code. Default RU.</summary>
    public string DefaultRegion { get; set; } = "RU";
}
