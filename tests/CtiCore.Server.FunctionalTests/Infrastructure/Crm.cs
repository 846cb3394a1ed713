using System.Text.Json;

namespace CtiCore.Server.FunctionalTests.Infrastructure;

/// <summary>Arranges users, departments and clients through the API, as an admin would.</summary>
internal static class Crm
{
    public const string AgentPassword = "Agent-Passw0rd!";

    public static async Task<long> DepartmentAsync(HttpClient admin, string name) =>
        (await admin.PostOkAsync("/api/departments", new { name })).Id();

    public static async Task<long> UserAsync(HttpClient admin, string login, string role, long? departmentId) =>
        (await admin.PostOkAsync("/api/users", new { login, displayName = login, password = AgentPassword, role, departmentId })).Id();

    public static async Task<JsonElement> ClientAsync(HttpClient caller, string name, params string[] phones) =>
        await caller.PostOkAsync("/api/clients", new { name, phones = phones.Select(p => new { number = p }).ToArray() });

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    /// <summary>A valid Moscow landline that no other test uses (random last seven digits).</summary>
    public static string MoscowNumber()
    {
        var digits = Random.Shared.Next(2_000_000, 9_999_999);
        return $"+7 495 {digits / 10000:000}-{digits / 100 % 100:00}-{digits % 100:00}";
    }
}
