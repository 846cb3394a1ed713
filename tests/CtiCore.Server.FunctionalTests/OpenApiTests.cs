using CtiCore.Server.FunctionalTests.Infrastructure;

namespace CtiCore.Server.FunctionalTests;

public sealed class OpenApiTests(SharedServer server) : IClassFixture<SharedServer>
{
    [Fact]
    public async Task The_document_lists_the_lookup_and_the_other_feature_groups()
    {
        var api = await server.Factory.AdminAsync();
        var paths = (await api.GetJsonAsync("/openapi/v1.json")).GetProperty("paths");
        foreach (var path in new[] { "/api/clients/lookup", "/api/clients/{id}", "/api/clients/{clientId}/contacts", "/api/users", "/api/departments", "/api/interactions", "/api/auth/token", "/api/calls/click-to-call" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }
}
