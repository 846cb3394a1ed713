using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CtiCore.Data;

/// <summary>
/// Reads the CRM connection string and decides the provider: "Data Source=…" (or a bare file path) is SQLite,
/// "Host=…" is PostgreSQL. Anything else is refused with a message that names the setting to fix.
/// </summary>
public sealed record CrmConnectionString(CrmDatabaseProvider Provider, string Value)
{
    /// <summary>The configuration key the server reads the connection string from.</summary>
    public const string SettingName = "ConnectionStrings:Crm";

    private const string Examples =
        "Use 'Data Source=data/crm.db' (or just a file path) for SQLite, or 'Host=…;Database=…;Username=…' for PostgreSQL.";

    /// <exception cref="InvalidOperationException">The value is empty, malformed or names no known provider.</exception>
    public static CrmConnectionString Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid($"{SettingName} is empty. {Examples}");
        }

        var text = value.Trim();

        // A bare path ("data/crm.db", "/var/lib/cticore/crm.db") has no key=value pairs at all.
        if (!text.Contains('=', StringComparison.Ordinal))
        {
            return Sqlite(new SqliteConnectionStringBuilder { DataSource = text });
        }

        var keys = new DbConnectionStringBuilder();
        try
        {
            keys.ConnectionString = text;
        }
        catch (ArgumentException ex)
        {
            throw Invalid($"{SettingName} is not a valid connection string ({ex.Message}). {Examples}", ex);
        }

        var isSqlite = keys.ContainsKey("Data Source") || keys.ContainsKey("DataSource") || keys.ContainsKey("Filename");
        var isPostgres = keys.ContainsKey("Host") || keys.ContainsKey("Server");
        if (isSqlite == isPostgres)
        {
            var why = isSqlite ? "names both a SQLite file and a PostgreSQL host" : "names neither a SQLite file nor a PostgreSQL host";
            throw Invalid($"{SettingName} {why}. {Examples}");
        }

        try
        {
            return isSqlite
                ? Sqlite(new SqliteConnectionStringBuilder(text))
                : new CrmConnectionString(CrmDatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(text).ConnectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            throw Invalid($"{SettingName} has a setting the {(isSqlite ? "SQLite" : "PostgreSQL")} provider refuses: {ex.Message}", ex);
        }
    }

    /// <summary>The SQLite file path, or null for PostgreSQL and in-memory databases.</summary>
    public string? SqliteFilePath
    {
        get
        {
            if (Provider != CrmDatabaseProvider.Sqlite)
            {
                return null;
            }

            var builder = new SqliteConnectionStringBuilder(Value);
            return builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:" ? null : builder.DataSource;
        }
    }

    // Foreign keys are a per-connection switch in SQLite and off by default; the provider sets it on every open.
    private static CrmConnectionString Sqlite(SqliteConnectionStringBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw Invalid($"{SettingName} has an empty SQLite Data Source. {Examples}");
        }

        builder.ForeignKeys = true;
        return new CrmConnectionString(CrmDatabaseProvider.Sqlite, builder.ConnectionString);
    }

    private static InvalidOperationException Invalid(string message, Exception? inner = null) => new(message, inner);
}
