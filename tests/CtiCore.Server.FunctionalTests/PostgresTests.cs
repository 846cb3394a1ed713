using System.Net;
using CtiCore.Server.FunctionalTests.Infrastructure;

namespace CtiCore.Server.FunctionalTests;

public sealed class PostgresTests
{
    [Fact]
    public async Task With_a_Host_connection_string_the_server_migrates_PostgreSQL_and_serves_the_api()
    {
        await using var postgres = await PostgresCluster.StartAsync();
        await using var server = new CtiServerFactory(new Dictionary<string, string?> { ["ConnectionStrings:Crm"] = postgres.ConnectionString });
        Assert.Equal(HttpStatusCode.OK, (await server.CreateClient().GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
        Assert.False(File.Exists(Path.Combine(server.DataFolder, "cticore.db")), "The SQLite file was created although PostgreSQL was configured.");

        var admin = await server.AdminAsync();
        var sales = await Crm.DepartmentAsync(admin, "Продажи");
        await Crm.UserAsync(admin, "pg.agent", "Agent", sales);
        var agent = await server.LoginWithTokenAsync("pg.agent", Crm.AgentPassword);
        var number = Crm.MoscowNumber();
        var mine = await Crm.ClientAsync(agent, "ООО «Ромашка»", number);
        await Crm.ClientAsync(admin, "ООО «Чужой»", Crm.MoscowNumber());

        // Scoped search and lookup run as SQL on PostgreSQL too (EXISTS subqueries of the visibility rule).
        Assert.Equal([mine.Id()], (await agent.GetJsonAsync("/api/clients?search=Ромашка")).ItemIds());
        Assert.Equal([mine.Id()], (await agent.GetJsonAsync("/api/clients")).ItemIds());
        var found = await agent.GetJsonAsync($"/api/clients/lookup?phone={Uri.EscapeDataString(number.Replace("+7 ", "8", StringComparison.Ordinal))}");
        Assert.Equal(mine.Id(), found.GetProperty("clientId").GetInt64());
    }
}
