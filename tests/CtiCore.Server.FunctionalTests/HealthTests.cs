using System.Net;
using CtiCore.Server.FunctionalTests.Infrastructure;

namespace CtiCore.Server.FunctionalTests;

public sealed class HealthTests(SharedServer server) : IClassFixture<SharedServer>
{
    [Fact]
    public async Task Live_and_ready_answer_200_without_authentication()
    {
        var client = server.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task The_database_is_a_file_in_the_configured_data_folder()
    {
        _ = server.Factory.CreateClient();
        Assert.True(File.Exists(Path.Combine(server.Factory.DataFolder, "cticore.db")));
        await Task.CompletedTask;
    }
}
