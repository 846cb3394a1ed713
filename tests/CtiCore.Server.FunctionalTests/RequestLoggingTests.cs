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
        // The request line is written when the pipeline unwinds, which can be just after the client has the response.
        var logs = await WaitForLogAsync("marker=scrub-check");
        Assert.Contains("access_token=***", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(token, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(CtiServerFactory.AdminPassword, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Phone_numbers_and_search_terms_in_the_query_string_are_redacted_in_the_log()
    {
        var api = await server.Factory.AdminAsync();
        using var lookup = await api.GetAsync("/api/clients/lookup?phone=%2B79161234567&marker=phone-check", TestContext.Current.CancellationToken);
        using var search = await api.GetAsync("/api/clients?search=SecretName&marker=search-check", TestContext.Current.CancellationToken);

        _ = await WaitForLogAsync("marker=search-check");
        var logs = await WaitForLogAsync("marker=phone-check");
        Assert.DoesNotContain("79161234567", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("SecretName", logs, StringComparison.Ordinal);
    }

    private async Task<string> WaitForLogAsync(string text)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var logs = server.Factory.ReadLogs();
        while (!logs.Contains(text, StringComparison.Ordinal) && await tick.WaitForNextTickAsync(limit.Token))
        {
            logs = server.Factory.ReadLogs();
        }

        return logs;
    }
}
