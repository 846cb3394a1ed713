namespace CtiCore.Data;

/// <summary>Which database engine holds the CRM; chosen from the shape of the connection string.</summary>
public enum CrmDatabaseProvider
{
    /// <summary>One embedded file: the default, no server to run.</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL server, for deployments that outgrow one file.</summary>
    Postgres = 1,
}
