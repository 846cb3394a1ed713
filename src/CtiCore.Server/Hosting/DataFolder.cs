namespace CtiCore.Server.Hosting;

/// <summary>The resolved, existing data folder (SQLite file, logs, generated signing key).</summary>
public sealed class DataFolder
{
    public DataFolder(string contentRoot, string configured)
    {
        FullPath = Path.GetFullPath(Path.Combine(contentRoot, configured));
        Directory.CreateDirectory(FullPath);
    }

    public string FullPath { get; }

    public string Combine(string relative) => Path.Combine(FullPath, relative);
}
