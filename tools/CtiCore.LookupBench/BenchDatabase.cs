using System.Diagnostics;
using System.Globalization;
using CtiCore.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.LookupBench;

/// <summary>
/// Builds (or reuses) a SQLite CRM with N clients, one mobile number each. The schema comes from the real
/// migrations; rows go in through raw prepared commands in one transaction, because EF change tracking of a
/// million entities would measure EF, not the database.
/// </summary>
internal static class BenchDatabase
{
    private const int Managers = 50;
    private const long NumberSpace = 1_000_000_000; // the nine digits after +79
    private const long Stride = 7_919; // prime, coprime with 10^9: i -> i*Stride mod 10^9 is a bijection

    /// <summary>The nine digits after "+79" of client <paramref name="index"/> (1-based); distinct for every index.</summary>
    public static long Subscriber(long index) => ((index * Stride) + 12_345) % NumberSpace;

    public static async Task<TimeSpan?> EnsureAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        if (!options.Rebuild && File.Exists(options.DatabasePath) && await CountClientsAsync(options.DatabasePath) == options.Clients)
        {
            return null;
        }

        var clock = Stopwatch.StartNew();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(options.DatabasePath + suffix))
            {
                File.Delete(options.DatabasePath + suffix);
            }
        }

        var services = new ServiceCollection().AddCrmData($"Data Source={options.DatabasePath}").BuildServiceProvider();
        await using (services)
        {
            await services.MigrateCrmDatabaseAsync(cancellationToken);
        }

        await using var connection = new SqliteConnection($"Data Source={options.DatabasePath};Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA synchronous=OFF;");

        await using (var transaction = connection.BeginTransaction())
        {
            var now = DateTimeOffset.UtcNow.UtcTicks;
            await using (var user = Prepare(connection, transaction,
                "INSERT INTO users (Id, Login, DisplayName, PasswordHash, Role, IsActive, Skills, Endpoints, CreatedAt) " +
                "VALUES ($id, $login, $login, 'x', 0, 1, '[]', '[]', $now)", "$id", "$login", "$now"))
            {
                for (var m = 1; m <= Managers; m++)
                {
                    await RunAsync(user, m, "manager" + m.ToString(CultureInfo.InvariantCulture), now);
                }
            }

            await using var client = Prepare(connection, transaction,
                "INSERT INTO clients (Id, Kind, Name, Tags, ResponsibleManagerId, CreatedAt, UpdatedAt) " +
                "VALUES ($id, 0, $name, '[]', $manager, $now, $now)", "$id", "$name", "$manager", "$now");
            await using var phone = Prepare(connection, transaction,
                "INSERT INTO phone_numbers (Id, E164, OriginalText, Kind, ClientId) VALUES ($id, $e164, $e164, 1, $id)",
                "$id", "$e164");
            for (long i = 1; i <= options.Clients; i++)
            {
                await RunAsync(client, i, "Client " + i.ToString(CultureInfo.InvariantCulture), (i % Managers) + 1, now);
                await RunAsync(phone, i, "+79" + Subscriber(i).ToString("D9", CultureInfo.InvariantCulture));
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await ExecuteAsync(connection, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
        return clock.Elapsed;
    }

    private static async Task<long> CountClientsAsync(string path)
    {
        try
        {
            await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM clients";
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return -1; // not a usable CRM file: rebuild it
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static async Task RunAsync(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
