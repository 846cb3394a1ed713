using CtiCore.Server.Configuration;
using Microsoft.Data.Sqlite;

namespace CtiCore.Server.Hosting;

/// <summary>
/// Decides the CRM connection string: <c>ConnectionStrings:Crm</c> when set (a PostgreSQL one when it has
/// <c>Host=</c>), else the embedded SQLite file <c>cticore.db</c> in the data folder.
/// </summary>
internal static class CrmConnectionStringResolver
{
    public const string DefaultFileName = "cticore.db";

    public static string Resolve(IConfiguration configuration, DataFolder dataFolder, string contentRoot)
    {
        var configured = configuration.GetConnectionString(StorageOptions.CrmConnectionStringName);
        if (string.IsNullOrWhiteSpace(configured))
        {
            return new SqliteConnectionStringBuilder { DataSource = dataFolder.Combine(DefaultFileName) }.ToString();
        }

        if (IsPostgres(configured) || !configured.Contains('=', StringComparison.Ordinal))
        {
            // PostgreSQL, or a bare file path that CtiCore.Data reads as SQLite.
            return IsPostgres(configured) ? configured : Anchor(configured, contentRoot);
        }

        SqliteConnectionStringBuilder sqlite;
        try
        {
            sqlite = new SqliteConnectionStringBuilder(configured);
        }
        catch (ArgumentException ex)
        {
            // Never echo the string: it may hold a password.
            throw new StartupConfigurationException($"ConnectionStrings:{StorageOptions.CrmConnectionStringName}: not a SQLite or PostgreSQL (Host=...) connection string ({ex.Message}).", ex);
        }

        if (!string.IsNullOrEmpty(sqlite.DataSource) && sqlite.DataSource != ":memory:" && sqlite.Mode != SqliteOpenMode.Memory)
        {
            sqlite.DataSource = Anchor(sqlite.DataSource, contentRoot);
        }

        return sqlite.ToString();
    }

    // A relative SQLite path means "relative to the content root", not to whatever the working directory is.
    private static string Anchor(string path, string contentRoot) => Path.GetFullPath(Path.Combine(contentRoot, path));

    private static bool IsPostgres(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase);
}
