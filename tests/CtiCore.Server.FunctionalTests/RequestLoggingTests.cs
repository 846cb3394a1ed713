using CtiCore.Server.FunctionalTests.Infrastructure;

namespace CtiCore.Server.FunctionalTests;

public sealed class RequestLoggingTests(SharedServer server) : IClassFixture<SharedServer>
{
    [Fact]
    public async Task Access_tokens_in_the_query_string_never_reach_the_log_file_and_passwords_neither()
    {
        var api = await server.Factory.AdminAsync();
        var token = api.DefaultRequestHeaders.Authorization!.Parameter!;
        var anonymous = server.Factory.CreateClient();
        using var response = await anonymous.GetAsync($"/api/auth/me?access_token={token}&marker=scrub-check", TestContext.Current.CancellationToken);

        // The query-string token is accepted (SignalR's way), and the request was logged — without the token.
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var logs = server.Factory.ReadLogs();
        Assert.Contains("marker=scrub-check", logs, StringComparison.Ordinal);
        Assert.Contains("access_token=***", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(token, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(CtiServerFactory.AdminPassword, logs, StringComparison.Ordinal);
    }
}
