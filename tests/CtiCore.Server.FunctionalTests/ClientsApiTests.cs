using System.Net;
using System.Net.Http.Json;
using System.Text;
using CtiCore.Server.FunctionalTests.Infrastructure;

namespace CtiCore.Server.FunctionalTests;

public sealed class ClientsApiTests(SharedServer server) : IClassFixture<SharedServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CtiServerFactory Factory => server.Factory;

    [Fact]
    public async Task Create_read_update_search_and_delete_a_client()
    {
        var api = await Factory.AdminAsync();
        var tin = Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var name = Crm.Unique("Ромашка");
        var number = Crm.MoscowNumber();
        var created = await api.PostOkAsync("/api/clients", new
        {
            name,
            taxId = tin,
            region = "Москва",
            timeZone = "Europe/Moscow",
            phones = new[] { new { number, kind = "Work" } },
        });
        var id = created.Id();
        var phone = created.GetProperty("phones")[0];
        Assert.Equal(number, phone.Str("originalText"));
        Assert.StartsWith("+7495", phone.Str("e164"), StringComparison.Ordinal);
        Assert.Equal("Work", phone.Str("kind"));

        var read = await api.GetJsonAsync($"/api/clients/{id}");
        Assert.Equal(name, read.Str("name"));

        using (var update = await api.PutAsJsonAsync($"/api/clients/{id}", new { name = name + " (upd)", taxId = tin, phones = Array.Empty<object>() }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
            Assert.Equal(0, (await update.ReadJsonAsync()).GetProperty("phones").GetArrayLength());
        }

        Assert.Contains(id, (await api.GetJsonAsync($"/api/clients?search={Uri.EscapeDataString(name[..10])}")).ItemIds());
        Assert.Equal([id], (await api.GetJsonAsync($"/api/clients?search={tin}")).ItemIds());

        using (var delete = await api.DeleteAsync($"/api/clients/{id}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/clients/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Paging_reports_the_total_and_returns_one_page()
    {
        var api = await Factory.AdminAsync();
        var prefix = Crm.Unique("Paged");
        for (var i = 0; i < 5; i++)
        {
            await Crm.ClientAsync(api, $"{prefix} {i}");
        }

        var page = await api.GetJsonAsync($"/api/clients?search={prefix}&page=2&pageSize=2");
        Assert.Equal(5, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.Equal($"{prefix} 2", page.GetProperty("items")[0].Str("name"));
    }

    [Fact]
    public async Task Lookup_finds_the_client_from_three_written_forms_of_its_number()
    {
        var api = await Factory.AdminAsync();
        var digits = Random.Shared.Next(2_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var client = await Crm.ClientAsync(api, Crm.Unique("Lookup"), $"8 (495) {digits[..3]}-{digits[3..5]}-{digits[5..]}");

        foreach (var form in new[] { $"+7 495 {digits[..3]} {digits[3..5]} {digits[5..]}", $"8495{digits}", $"7495{digits}" })
        {
            var found = await api.GetJsonAsync($"/api/clients/lookup?phone={Uri.EscapeDataString(form)}");
            Assert.Equal(client.Id(), found.GetProperty("clientId").GetInt64());
            Assert.Equal($"+7495{digits}", found.Str("e164"));
        }

        // Searching the list by a number also accepts any form.
        Assert.Equal([client.Id()], (await api.GetJsonAsync($"/api/clients?search=8495{digits}")).ItemIds());
    }

    [Fact]
    public async Task Lookup_of_a_contacts_number_names_the_contact()
    {
        var api = await Factory.AdminAsync();
        var client = await Crm.ClientAsync(api, Crm.Unique("WithContact"));
        var number = Crm.MoscowNumber();
        var contact = await api.PostOkAsync($"/api/clients/{client.Id()}/contacts", new { name = "Иван Петров", position = "Директор", phones = new[] { new { number } } });

        var found = await api.GetJsonAsync($"/api/clients/lookup?phone={Uri.EscapeDataString(number)}");
        Assert.Equal(client.Id(), found.GetProperty("clientId").GetInt64());
        Assert.Equal(contact.Id(), found.GetProperty("contactId").GetInt64());
        Assert.Equal("Иван Петров", found.Str("contactName"));
    }

    [Fact]
    public async Task Lookup_answers_404_for_an_unknown_number_and_400_for_a_non_number()
    {
        var api = await Factory.AdminAsync();
        using (var unknown = await api.GetAsync("/api/clients/lookup?phone=%2B79990000001", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using var invalid = await api.GetAsync("/api/clients/lookup?phone=hello", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        Assert.True((await invalid.ReadJsonAsync()).GetProperty("errors").TryGetProperty("phone", out _));
    }

    [Fact]
    public async Task A_duplicate_tin_or_phone_is_409_naming_the_existing_client_and_the_field()
    {
        var api = await Factory.AdminAsync();
        var tin = Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var digits = Random.Shared.Next(2_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var first = await api.PostOkAsync("/api/clients", new { name = "ООО Первый", taxId = tin, phones = new[] { new { number = $"+7495{digits}" } } });

        using (var byTin = await api.PostAsJsonAsync("/api/clients", new { name = "ООО Второй", taxId = tin }, Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, byTin.StatusCode);
            Assert.Equal("application/problem+json", byTin.Content.Headers.ContentType?.MediaType);
            var problem = await byTin.ReadJsonAsync();
            Assert.Equal("taxId", problem.Str("field"));
            Assert.Equal(first.Id(), problem.GetProperty("existingClientId").GetInt64());
            Assert.Contains("ООО Первый", problem.Str("detail"), StringComparison.Ordinal);
        }

        var before = (await api.GetJsonAsync("/api/clients?search=ООО Третий")).GetProperty("total").GetInt32();

        // Same number written differently; the valid first number must not be half-saved either.
        using (var byPhone = await api.PostAsJsonAsync("/api/clients", new { name = "ООО Третий", phones = new[] { new { number = Crm.MoscowNumber() }, new { number = $"8 (495) {digits}" } } }, Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, byPhone.StatusCode);
            var problem = await byPhone.ReadJsonAsync();
            Assert.Equal("phone", problem.Str("field"));
            Assert.Equal("ООО Первый", problem.Str("existingClientName"));
        }

        Assert.Equal(before, (await api.GetJsonAsync("/api/clients?search=ООО Третий")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Racing_creates_with_the_same_tin_give_one_201_and_409s_never_a_500()
    {
        var api = await Factory.AdminAsync();
        var tin = Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            api.PostAsJsonAsync("/api/clients", new { name = $"Race {i}", taxId = tin }, Ct)));

        var codes = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(1, codes.Count(c => c == HttpStatusCode.Created));
        Assert.All(codes.Where(c => c != HttpStatusCode.Created), c => Assert.Equal(HttpStatusCode.Conflict, c));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Equal("taxId", (await conflict.ReadJsonAsync()).Str("field"));
        }
    }

    [Fact]
    public async Task Missing_name_is_400_problem_naming_the_field()
    {
        var api = await Factory.AdminAsync();
        using var response = await api.PostAsJsonAsync("/api/clients", new { taxId = "123" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task An_invalid_phone_is_400_naming_which_one()
    {
        var api = await Factory.AdminAsync();
        using var response = await api.PostAsJsonAsync("/api/clients", new { name = "Bad phone", phones = new[] { new { number = Crm.MoscowNumber() }, new { number = "12" } } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("phones[1].number", out _));
    }

    [Fact]
    public async Task Malformed_json_is_400_problem_naming_where_it_broke()
    {
        var api = await Factory.AdminAsync();
        using var wrongType = await api.PostAsync("/api/clients", new StringContent("{\"name\":\"x\",\"responsibleManagerId\":\"abc\"}", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal("application/problem+json", wrongType.Content.Headers.ContentType?.MediaType);
        Assert.True((await wrongType.ReadJsonAsync()).GetProperty("errors").TryGetProperty("responsibleManagerId", out _));

        using var broken = await api.PostAsync("/api/clients", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("application/problem+json", broken.Content.Headers.ContentType?.MediaType);
    }
}
