using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(CtiCore.Data.Tests.Infrastructure.PostgresServer))]

namespace CtiCore.Data.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL 15 cluster for this test run: initdb'd as the postgres user under /tmp, started on a free
/// loopback port on first use, stopped and deleted when the assembly's tests end. Each test gets its own database.
/// Without root or without the binaries it reports why, and the PostgreSQL tests skip with that reason.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const int StartAttempts = 3;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _directory;
    private string? _adminConnectionString;
    private string? _unavailableReason;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Creates an empty database and returns its connection string, or skips the calling test.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var admin = await StartOnceAsync(cancellationToken);
        var name = "crm_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 10 }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_directory is not null)
        {
            if (_adminConnectionString is not null)
            {
                await RunAsPostgresAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None);
            }

            Directory.Delete(_directory, recursive: true);
        }

        _gate.Dispose();
    }

    private string DataDirectory => Path.Combine(_directory!, "data");

    private async Task<string> StartOnceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_adminConnectionString is null && _unavailableReason is null)
            {
                _unavailableReason = WhyUnavailable();
                if (_unavailableReason is null)
                {
                    _adminConnectionString = await StartAsync(cancellationToken);
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        if (_unavailableReason is not null)
        {
            Assert.Skip(_unavailableReason);
        }

        return _adminConnectionString!;
    }

    private static string? WhyUnavailable()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            return $"PostgreSQL 15 is not installed ({BinDirectory}/initdb is missing; tools/install-deps.sh installs it).";
        }

        return Environment.IsPrivilegedProcess
            ? null
            : "PostgreSQL tests need root to run initdb and pg_ctl as the postgres user.";
    }

    private async Task<string> StartAsync(CancellationToken cancellationToken)
    {
        _directory = Path.Combine(Path.GetTempPath(), "cticore-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_directory);
        await RunAsync("chown", ["postgres:postgres", _directory], cancellationToken);
        await RunAsPostgresAsync("initdb",
            ["-D", DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"],
            cancellationToken);

        // A port found free can be taken by another process before the server binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var settings = string.Join(' ',
                $"-p {port}", "-c listen_addresses=127.0.0.1", $"-k {_directory}", "-c max_connections=200",
                "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off");
            try
            {
                await RunAsPostgresAsync("pg_ctl",
                    ["-D", DataDirectory, "-o", settings, "-l", Path.Combine(_directory, "server.log"), "-w", "start"],
                    cancellationToken);
                return new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = port,
                    Username = "postgres",
                    Database = "postgres",
                }.ConnectionString;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts)
            {
                // Try again on another port.
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsPostgresAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinDirectory, tool), .. arguments], cancellationToken);

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var printed = await output + await error;
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{printed}"));
        }
    }
}
