using System.Diagnostics;

namespace CtiCore.Architecture.Tests;

/// <summary>No Docker engine runs here, but docker-compose can still validate the file against its schema.</summary>
public sealed class ComposeFileTests
{
    private const string Tool = "/usr/bin/docker-compose";

    // The file insists that secrets come from the environment.
    private static readonly string[] Secrets = ["POSTGRES_PASSWORD", "AMI_SECRET", "CTI_ADMIN_PASSWORD"];

    [Fact]
    public async Task Compose_file_is_valid()
    {
        var (exitCode, errors) = await RunConfigAsync(Secrets);
        Assert.True(exitCode == 0, errors);
    }

    [Fact]
    public async Task Compose_file_refuses_to_run_without_its_secrets()
    {
        var (exitCode, errors) = await RunConfigAsync(Secrets.Where(s => s != "POSTGRES_PASSWORD"));
        Assert.NotEqual(0, exitCode);
        Assert.Contains("POSTGRES_PASSWORD", errors, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Errors)> RunConfigAsync(IEnumerable<string> secretsToSet)
    {
        if (!File.Exists(Tool))
        {
            Assert.Skip("docker-compose is not installed (tools/install-deps.sh installs it as root)");
        }

        var start = new ProcessStartInfo(Tool, ["-f", Path.Combine(RepositoryRoot.Path, "docker-compose.yml"), "config", "-q"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var secret in Secrets)
        {
            start.Environment.Remove(secret);
        }

        foreach (var secret in secretsToSet)
        {
            start.Environment[secret] = "placeholder";
        }

        using var process = Process.Start(start)!;
        var cancel = TestContext.Current.CancellationToken;
        var errors = await process.StandardError.ReadToEndAsync(cancel);
        await process.WaitForExitAsync(cancel);
        return (process.ExitCode, errors);
    }
}
