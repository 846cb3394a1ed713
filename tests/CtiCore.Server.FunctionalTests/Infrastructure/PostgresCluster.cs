using System.Diagnostics;
using System.Globalization;

namespace CtiCore.Server.FunctionalTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL 15 cluster (initdb'd as the postgres user under /tmp, on a port from this project's
/// range), for proving the server runs on PostgreSQL when the connection string says Host=.
/// Skips the calling test with the reason when PostgreSQL or root is missing.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private readonly string _directory;

    private PostgresCluster(string directory, int port)
    {
        _directory = directory;
        ConnectionString = string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username=postgres;Database=cticore");
    }

    public string ConnectionString { get; }

    public static async Task<PostgresCluster> StartAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            Assert.Skip($"PostgreSQL 15 is not installed ({BinDirectory}/initdb); tools/install-deps.sh installs it.");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Skip("The PostgreSQL test needs root to run initdb and pg_ctl as the postgres user.");
        }

        var directory = Path.Combine(Path.GetTempPath(), "cticore-server-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        await RunAsync("chown", "postgres:postgres", directory);
        var data = Path.Combine(directory, "data");
        await RunAsPostgresAsync("initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync");
        var port = FreePorts.Next();
        var settings = $"-p {port} -c listen_addresses=127.0.0.1 -k {directory} -c fsync=off -c synchronous_commit=off";
        await RunAsPostgresAsync("pg_ctl", "-D", data, "-o", settings, "-l", Path.Combine(directory, "server.log"), "-w", "start");
        var cluster = new PostgresCluster(directory, port);
        await RunAsPostgresAsync("createdb", "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "cticore");
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await RunAsPostgresAsync("pg_ctl", "-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop");
        Directory.Delete(_directory, recursive: true);
    }

    private static Task RunAsPostgresAsync(string tool, params string[] arguments) =>
        RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinDirectory, tool), .. arguments]);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await error}");
        }
    }
}
