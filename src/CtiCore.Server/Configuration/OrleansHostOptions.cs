namespace CtiCore.Server.Configuration;

/// <summary>The embedded silo (section <c>Cti:Orleans</c>): one silo, localhost clustering.</summary>
public sealed class OrleansHostOptions
{
    public const string SectionName = "Cti:Orleans";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "cticore-dev";

    public string ServiceId { get; set; } = "cticore";
}
