namespace CtiCore.Server.Configuration;

/// <summary>Where the server keeps its files (section <c>Cti</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Cti";
    public const string CrmConnectionStringName = "Crm";

    /// <summary>Folder for the SQLite CRM, logs and the generated signing key; relative to the content root. Default "data".</summary>
    public string DataFolder { get; set; } = "data";
}
