using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CtiCore.Server.FunctionalTests.Infrastructure;

namespace CtiCore.Server.FunctionalTests;

/// <summary>The real executable, as a newcomer or an init system starts it.</summary>
public sealed partial class ServerProcessTests
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_built_server_becomes_ready_prints_a_generated_admin_password_once_and_keeps_it_out_of_the_log()
    {
        using var folder = new TempFolder();
        var port = FreePorts.Next();
        await using var server = ServerProcess.Start(folder.Path, Arguments(folder, port));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        await WaitUntilReadyAsync(server, http);

        var password = GeneratedPassword().Match(server.StandardOutput);
        Assert.True(password.Success, "The generated admin password was not printed:\n" + server.StandardOutput);
        using var token = await http.PostAsJsonAsync("/api/auth/token", new { login = "admin", password = password.Groups[1].Value }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);

        var logs = string.Concat(Directory.GetFiles(Path.Combine(folder.Path, "data", "logs")).Select(ReadShared));
        Assert.Contains("first administrator", server.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(password.Groups[1].Value, logs, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder.Path, "data", "cticore.db")));
    }

    [Fact]
    public async Task The_admin_from_environment_variables_logs_in()
    {
        using var folder = new TempFolder();
        var port = FreePorts.Next();
        var environment = new Dictionary<string, string> { ["CTI_ADMIN_USER"] = "chief", ["CTI_ADMIN_PASSWORD"] = "Chief-Passw0rd" };
        await using var server = ServerProcess.Start(folder.Path, Arguments(folder, port), environment);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        await WaitUntilReadyAsync(server, http);

        using var token = await http.PostAsJsonAsync("/api/auth/token", new { login = "chief", password = "Chief-Passw0rd" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.DoesNotContain("Chief-Passw0rd", server.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Cti:Phone:DefaultRegion=XX", "Cti:Phone:DefaultRegion")]
    [InlineData("--Cti:Auth:AccessTokenMinutes=0", "Cti:Auth:AccessTokenMinutes")]
    [InlineData("--Cti:Auth:CookieHours=lots", "Cti:Auth:CookieHours")]
    [InlineData("--Cti:Auth:SigningKey=c2hvcnQ=", "Cti:Auth:SigningKey")]
    [InlineData("--ConnectionStrings:Crm=Nonsense=1", "ConnectionStrings:Crm")]
    public async Task A_bad_setting_exits_non_zero_with_one_line_on_stderr_naming_it(string argument, string setting)
    {
        using var folder = new TempFolder();
        await using var server = ServerProcess.Start(folder.Path, [.. Arguments(folder, FreePorts.Next()), argument]);

        Assert.True(await server.WaitForExitAsync(StartupLimit), "The server kept running with a bad setting.");
        Assert.NotEqual(0, server.ExitCode);
        var lines = server.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.Contains(setting, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", server.StandardOutput + server.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("c2hvcnQ=", line, StringComparison.Ordinal);
    }

    private static string[] Arguments(TempFolder folder, int port) =>
    [
        "--urls", $"http://127.0.0.1:{port}",
        $"--Cti:DataFolder={Path.Combine(folder.Path, "data")}",
        $"--Cti:Orleans:SiloPort={FreePorts.Next().ToString(CultureInfo.InvariantCulture)}",
        $"--Cti:Orleans:GatewayPort={FreePorts.Next().ToString(CultureInfo.InvariantCulture)}",
    ];

    /// <summary>Polls /health/ready; the limit is a hang guard, not a timing assertion.</summary>
    private static async Task WaitUntilReadyAsync(ServerProcess server, HttpClient http)
    {
        using var limit = new CancellationTokenSource(StartupLimit);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (await tick.WaitForNextTickAsync(limit.Token))
        {
            Assert.False(server.HasExited, $"The server exited early.\nstdout:\n{server.StandardOutput}\nstderr:\n{server.StandardError}");
            try
            {
                using var response = await http.GetAsync("/health/ready", limit.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"password:\s+(\S+)")]
    private static partial Regex GeneratedPassword();
}
