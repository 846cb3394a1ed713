using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CtiCore.Data;

/// <summary>Recognizes the database's own duplicate refusal, whichever provider raised it.</summary>
public static class DbUpdateExceptionExtensions
{
    // https://www.sqlite.org/rescode.html: SQLITE_CONSTRAINT (19) also covers NOT NULL, CHECK and FOREIGN KEY
    // failures, so the extended code tells a duplicate apart: SQLITE_CONSTRAINT_UNIQUE and _PRIMARYKEY.
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    /// <summary>
    /// True when the save failed because a unique index or primary key already holds the value
    /// (SQLite SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY, PostgreSQL SQLSTATE 23505): an HTTP 409, not a 500.
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (Exception? inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SqliteException { SqliteErrorCode: SqliteConstraint } sqlite:
                    return sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey;
                case PostgresException postgres:
                    return postgres.SqlState == PostgresErrorCodes.UniqueViolation;
            }
        }

        return false;
    }
}
