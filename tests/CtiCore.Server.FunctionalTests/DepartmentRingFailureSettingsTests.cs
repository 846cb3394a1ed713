using System.Net;
using System.Net.Http.Json;
using CtiCore.Server.FunctionalTests.Infrastructure;

namespace CtiCore.Server.FunctionalTests;

/// <summary>
/// The department's ring-failure settings through the REST API: defaults for a new department, stored and read back
/// as given, and refused with a field error when out of range.
/// </summary>
public sealed class DepartmentRingFailureSettingsTests(SharedServer server) : IClassFixture<SharedServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_department_has_the_defaults_and_given_values_are_kept()
    {
        var api = await server.Factory.AdminAsync();
        var plain = await api.GetJsonAsync($"/api/departments/{await Crm.DepartmentAsync(api, Crm.Unique("Plain"))}");
        var defaults = plain.GetProperty("routing");
        Assert.Equal("Declined call", defaults.Str("declinedPauseReason"));
        Assert.Equal("Phone unreachable", defaults.Str("unreachablePauseReason"));
        Assert.Equal(30, defaults.GetProperty("busyCooldownSeconds").GetInt32());

        var created = await api.PostOkAsync("/api/departments", new
        {
            name = Crm.Unique("Support"),
            routing = new { declinedPauseReason = "Rejected", unreachablePauseReason = "Phone offline", busyCooldownSeconds = 90 },
        });
        var routing = (await api.GetJsonAsync($"/api/departments/{created.Id()}")).GetProperty("routing");
        Assert.Equal("Rejected", routing.Str("declinedPauseReason"));
        Assert.Equal("Phone offline", routing.Str("unreachablePauseReason"));
        Assert.Equal(90, routing.GetProperty("busyCooldownSeconds").GetInt32());
    }

    [Fact]
    public async Task Out_of_range_values_are_refused_naming_the_field()
    {
        var api = await server.Factory.AdminAsync();
        using var response = await api.PostAsJsonAsync("/api/departments", new
        {
            name = Crm.Unique("Broken"),
            routing = new { busyCooldownSeconds = -1, declinedPauseReason = new string('x', 101) },
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("routing.busyCooldownSeconds", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("routing.declinedPauseReason", out _), errors.ToString());
    }
}
