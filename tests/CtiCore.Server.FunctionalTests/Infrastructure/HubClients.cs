using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CtiCore.Server.FunctionalTests.Infrastructure;

/// <summary>.NET SignalR clients against the in-memory test server (long polling: TestServer has no sockets).</summary>
internal static class HubClients
{
    public static async Task<string> TokenAsync(this CtiServerFactory factory, string login, string password)
    {
        var anonymous = factory.CreateClient();
        using var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { login, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        return body!["accessToken"].ToString()!;
    }

    public static HubConnection Hub(this CtiServerFactory factory, string path, string? token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, path), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                if (token is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            })
            .Build();
}
