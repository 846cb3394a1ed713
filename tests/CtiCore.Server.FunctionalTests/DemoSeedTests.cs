using System.Globalization;
using CtiCore.Server.FunctionalTests.Infrastructure;

namespace CtiCore.Server.FunctionalTests;

public sealed class DemoSeedTests
{
    [Fact]
    public async Task Seed_demo_fills_an_empty_database_once_and_the_demo_agents_can_work_with_it()
    {
        using var folder = new TempFolder();
        var dataFolder = Path.Combine(folder.Path, "data");
        string[] arguments = ["--seed-demo", $"--Cti:DataFolder={dataFolder}", "--Cti:Admin:Password=Seed-Admin-Passw0rd"];

        var first = await RunToExitAsync(folder, arguments);
        Assert.Contains("Demo CRM created: 3 departments, 12 users, 120 clients", first, StringComparison.Ordinal);
        var second = await RunToExitAsync(folder, arguments);
        Assert.Contains("Nothing changed", second, StringComparison.Ordinal);

        await using var server = new CtiServerFactory(new Dictionary<string, string?> { ["Cti:DataFolder"] = dataFolder });
        var admin = await server.LoginWithTokenAsync("admin", "Seed-Admin-Passw0rd");
        Assert.Equal(120, (await admin.GetJsonAsync("/api/clients")).GetProperty("total").GetInt32());
        Assert.Equal(300, (await admin.GetJsonAsync("/api/interactions")).GetProperty("total").GetInt32());

        // A demo agent sees some clients, but not all of them.
        var agent = await server.LoginWithTokenAsync("sales1", "Demo-2026!");
        var visible = (await agent.GetJsonAsync("/api/clients?pageSize=200")).GetProperty("total").GetInt32();
        Assert.InRange(visible, 1, 119);

        // Every demo number is stored as E.164 next to the text it was "typed" as, and found again by lookup.
        var someClient = (await admin.GetJsonAsync("/api/clients?pageSize=1")).GetProperty("items")[0];
        var phone = someClient.GetProperty("phones")[0];
        var found = await admin.GetJsonAsync($"/api/clients/lookup?phone={Uri.EscapeDataString(phone.Str("originalText"))}");
        Assert.Equal(someClient.Id(), found.GetProperty("clientId").GetInt64());
    }

    private static async Task<string> RunToExitAsync(TempFolder folder, string[] arguments)
    {
        await using var process = ServerProcess.Start(folder.Path, arguments);
        Assert.True(await process.WaitForExitAsync(TimeSpan.FromMinutes(2)), "--seed-demo did not finish.");
        Assert.True(process.ExitCode == 0, string.Create(CultureInfo.InvariantCulture, $"exit {process.ExitCode}: {process.StandardError}"));
        return process.StandardOutput;
    }
}
