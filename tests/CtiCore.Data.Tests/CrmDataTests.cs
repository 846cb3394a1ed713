using CtiCore.Data.Clients;
using CtiCore.Data.Grains;
using CtiCore.Data.Tests.Infrastructure;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Phones;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Data.Tests;

/// <summary>
/// The same behaviour checked on every provider: each derived class supplies an empty database of its kind,
/// and every test runs on its own freshly migrated database.
/// </summary>
public abstract class CrmDataTests : IAsyncDisposable
{
    private const string MoscowE164 = "+74956601812";
    private static readonly DateTimeOffset Created = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);

    private readonly PhoneNormalizer _normalizer = new("RU");
    private ServiceProvider? _services;
    private string? _connectionString;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An empty database of the provider under test; skips the test when the provider is unavailable.</summary>
    protected abstract Task<string> CreateEmptyDatabaseAsync();

    /// <summary>A context of the provider under test, on <paramref name="connectionString"/>, with an interceptor.</summary>
    protected abstract CrmDbContext CreateContext(string connectionString, IInterceptor interceptor);

    /// <summary>Statements that ask the provider for the plan of a query: (setup before, prefix of the query).</summary>
    protected abstract (string? Setup, string Prefix) ExplainSyntax { get; }

    /// <summary>How the provider's plan says it reads a whole table.</summary>
    protected abstract string FullScanMarker { get; }

    protected abstract Type ExpectedContextType { get; }

    public virtual async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Migration_creates_every_table_and_leaves_nothing_pending()
    {
        var services = await DatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();

        Assert.IsType(ExpectedContextType, db);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));

        // Every mapped table answers a query.
        Assert.Equal(0, await db.Clients.CountAsync(Ct));
        Assert.Equal(0, await db.Contacts.CountAsync(Ct));
        Assert.Equal(0, await db.PhoneNumbers.CountAsync(Ct));
        Assert.Equal(0, await db.Users.CountAsync(Ct));
        Assert.Equal(0, await db.Absences.CountAsync(Ct));
        Assert.Equal(0, await db.Departments.CountAsync(Ct));
        Assert.Equal(0, await db.Interactions.CountAsync(Ct));
        Assert.Equal(0, await db.Tasks.CountAsync(Ct));
        Assert.Equal(0, await db.Deals.CountAsync(Ct));
        Assert.Equal(0, await db.GrainStates.CountAsync(Ct));
    }

    [Fact]
    public async Task Migrating_twice_is_harmless()
    {
        var services = await DatabaseAsync();
        await AddClientAsync("Romashka LLC", phones: [MoscowE164]);

        await services.MigrateCrmDatabaseAsync(Ct);

        await using var scope = services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Clients.CountAsync(Ct));
    }

    [Theory]
    [InlineData("8 (495) 660-18-12")]
    [InlineData("+7 495 660 18 12")]
    [InlineData("74956601812")]
    public async Task Lookup_finds_the_client_from_any_written_form(string callerId)
    {
        var services = await DatabaseAsync();
        var manager = await AddManagerAsync("ivanova");
        var client = await AddClientAsync("Romashka LLC", managerId: manager.Id, phones: [MoscowE164]);
        await AddClientAsync("Other Ltd", phones: ["+74956601813"]);

        var match = await services.GetRequiredService<ClientLookup>()
            .FindByPhoneAsync(_normalizer.Normalize(callerId), Ct);

        Assert.Equal(new ClientMatch(client.Id, "Romashka LLC", null, null, manager.Id), match);
    }

    [Fact]
    public async Task Lookup_of_a_contact_persons_number_names_the_contact_and_its_client()
    {
        var services = await DatabaseAsync();
        var client = await AddClientAsync("Romashka LLC", phones: ["+74956601800"]);
        var contact = await AddContactAsync(client.Id, "Petr Sidorov", "+79161234567");

        var match = await services.GetRequiredService<ClientLookup>().FindByPhoneAsync("+79161234567", Ct);

        Assert.Equal(new ClientMatch(client.Id, "Romashka LLC", contact.Id, "Petr Sidorov", null), match);
    }

    [Fact]
    public async Task Lookup_of_an_unknown_number_finds_nobody()
    {
        var services = await DatabaseAsync();
        await AddClientAsync("Romashka LLC", phones: [MoscowE164]);

        Assert.Null(await services.GetRequiredService<ClientLookup>().FindByPhoneAsync("+74956601899", Ct));
    }

    [Theory]
    [InlineData("8 (495) 660-18-12")]
    [InlineData("74956601812")]
    [InlineData("")]
    public async Task Lookup_refuses_a_number_that_was_not_normalized(string text)
    {
        var services = await DatabaseAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => services.GetRequiredService<ClientLookup>().FindByPhoneAsync(text, Ct));
        Assert.Contains("PhoneNormalizer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_query_seeks_the_unique_index_on_E164()
    {
        await DatabaseAsync();
        await AddClientAsync("Romashka LLC", phones: [MoscowE164]);
        var recorder = new CommandRecorder();
        var lookup = new ClientLookup(new DelegateContextFactory(() => CreateContext(_connectionString!, recorder)));

        Assert.NotNull(await lookup.FindByPhoneAsync(MoscowE164, Ct));

        var plan = await ExplainAsync(recorder.LastSql!, recorder.LastParameters);
        TestContext.Current.TestOutputHelper?.WriteLine($"{recorder.LastSql}\n--- plan ---\n{plan}");
        Assert.Contains("IX_phone_numbers_E164", plan, StringComparison.Ordinal);
        Assert.DoesNotContain(FullScanMarker, plan, StringComparison.Ordinal); // the joins go by primary key too
    }

    [Fact]
    public async Task Duplicate_TIN_is_reported_first()
    {
        var services = await DatabaseAsync();
        var existing = await AddClientAsync("Romashka LLC", taxId: "7701234567", email: "info@romashka.ru", phones: [MoscowE164]);

        var conflict = await services.GetRequiredService<ClientDuplicateChecker>()
            .FindConflictAsync(null, " 7701234567 ", "info@romashka.ru", [MoscowE164], Ct);

        Assert.Equal(new DuplicateConflict(DuplicateConflict.TaxIdField, "7701234567", existing.Id, "Romashka LLC"), conflict);
    }

    [Fact]
    public async Task Duplicate_email_is_found_whatever_its_case()
    {
        var services = await DatabaseAsync();
        var existing = await AddClientAsync("Romashka LLC", email: "info@romashka.ru");

        var conflict = await services.GetRequiredService<ClientDuplicateChecker>()
            .FindConflictAsync(null, "7709999999", "Info@Romashka.RU", [], Ct);

        Assert.Equal(new DuplicateConflict(DuplicateConflict.EmailField, "info@romashka.ru", existing.Id, "Romashka LLC"), conflict);
    }

    [Fact]
    public async Task Duplicate_phone_is_found_on_a_client_and_on_another_clients_contact()
    {
        var services = await DatabaseAsync();
        var first = await AddClientAsync("Romashka LLC", phones: [MoscowE164]);
        var second = await AddClientAsync("Vasilek LLC");
        await AddContactAsync(second.Id, "Anna", "+79161234567");
        var checker = services.GetRequiredService<ClientDuplicateChecker>();

        var onClient = await checker.FindConflictAsync(null, null, null, ["+74990000000", MoscowE164], Ct);
        var onContact = await checker.FindConflictAsync(first.Id, null, null, ["+79161234567", MoscowE164], Ct);

        Assert.Equal(new DuplicateConflict(DuplicateConflict.PhoneField, MoscowE164, first.Id, "Romashka LLC"), onClient);
        Assert.Equal(new DuplicateConflict(DuplicateConflict.PhoneField, "+79161234567", second.Id, "Vasilek LLC"), onContact);
    }

    [Fact]
    public async Task A_client_updated_with_its_own_values_has_no_conflict()
    {
        var services = await DatabaseAsync();
        var existing = await AddClientAsync("Romashka LLC", taxId: "7701234567", email: "info@romashka.ru", phones: [MoscowE164]);
        var checker = services.GetRequiredService<ClientDuplicateChecker>();

        Assert.Null(await checker.FindConflictAsync(existing.Id, "7701234567", "info@romashka.ru", [MoscowE164], Ct));
        Assert.Null(await checker.FindConflictAsync(null, "7709999999", "sales@vasilek.ru", ["+74990000000"], Ct));
    }

    [Fact]
    public async Task A_racing_duplicate_insert_fails_as_a_unique_violation()
    {
        var services = await DatabaseAsync();
        var factory = services.GetRequiredService<IDbContextFactory<CrmDbContext>>();

        // Both writers passed the duplicate check before either saved.
        await using var first = await factory.CreateDbContextAsync(Ct);
        await using var second = await factory.CreateDbContextAsync(Ct);
        first.Clients.Add(NewClient("Romashka LLC", phones: [MoscowE164]));
        second.Clients.Add(NewClient("Romashka (again)", phones: [MoscowE164]));
        await first.SaveChangesAsync(Ct);

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync(Ct));
        Assert.True(error.IsUniqueViolation(), error.InnerException?.Message);
    }

    [Fact]
    public async Task Duplicate_TIN_and_email_are_refused_by_their_indexes()
    {
        var services = await DatabaseAsync();
        await AddClientAsync("Romashka LLC", taxId: "7701234567", email: "info@romashka.ru");
        var factory = services.GetRequiredService<IDbContextFactory<CrmDbContext>>();

        foreach (var copy in new[] { NewClient("A", taxId: "7701234567"), NewClient("B", email: "info@romashka.ru") })
        {
            await using var db = await factory.CreateDbContextAsync(Ct);
            db.Clients.Add(copy);
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            Assert.True(error.IsUniqueViolation(), error.InnerException?.Message);
        }
    }

    [Fact]
    public async Task Other_constraint_failures_are_not_taken_for_duplicates()
    {
        var services = await DatabaseAsync();
        var factory = services.GetRequiredService<IDbContextFactory<CrmDbContext>>();

        // A number with no owner breaks the check constraint; a task for a missing user breaks a foreign key.
        await using (var db = await factory.CreateDbContextAsync(Ct))
        {
            db.PhoneNumbers.Add(new PhoneNumber { E164 = MoscowE164, OriginalText = MoscowE164 });
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            Assert.False(error.IsUniqueViolation());
        }

        await using (var db = await factory.CreateDbContextAsync(Ct))
        {
            db.Tasks.Add(new FollowUpTask { Title = "Call back", OwnerId = 424242, DueAt = Created, CreatedAt = Created });
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            Assert.False(error.IsUniqueViolation());
        }
    }

    [Fact]
    public async Task Grain_state_round_trips_under_its_composite_key()
    {
        var services = await DatabaseAsync();
        var factory = services.GetRequiredService<IDbContextFactory<CrmDbContext>>();
        byte[] payload = [1, 2, 3, 0, 255];

        await using (var db = await factory.CreateDbContextAsync(Ct))
        {
            db.GrainStates.Add(new GrainStateRecord { GrainType = "agent", GrainId = "42", Payload = payload, ETag = "e1", UpdatedAt = Created });
            db.GrainStates.Add(new GrainStateRecord { GrainType = "call", GrainId = "42", Payload = [9], ETag = "e2", UpdatedAt = Created });
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = await factory.CreateDbContextAsync(Ct))
        {
            var stored = await db.GrainStates.AsNoTracking().SingleAsync(g => g.GrainType == "agent" && g.GrainId == "42", Ct);
            Assert.Equal(payload, stored.Payload);
            Assert.Equal("e1", stored.ETag);
            Assert.Equal(Created, stored.UpdatedAt);

            db.GrainStates.Add(new GrainStateRecord { GrainType = "agent", GrainId = "42", Payload = [], ETag = "e3", UpdatedAt = Created });
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            Assert.True(error.IsUniqueViolation(), error.InnerException?.Message);
        }
    }

    [Fact]
    public async Task Primitive_collections_and_owned_routing_settings_round_trip()
    {
        var services = await DatabaseAsync();
        var factory = services.GetRequiredService<IDbContextFactory<CrmDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(Ct))
        {
            db.Departments.Add(new Department
            {
                Name = "Sales",
                Numbers = ["+74956601800"],
                Routing = new DepartmentRoutingSettings { RingTimeoutSeconds = 7, OverflowAction = OverflowAction.CallbackRequest },
            });
            db.Clients.Add(NewClient("Romashka LLC", tags: ["vip", "wholesale"]));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = await factory.CreateDbContextAsync(Ct))
        {
            var sales = await db.Departments.AsNoTracking().SingleAsync(Ct);
            Assert.Equal(["+74956601800"], sales.Numbers);
            Assert.Equal(7, sales.Routing.RingTimeoutSeconds);
            Assert.Equal(OverflowAction.CallbackRequest, sales.Routing.OverflowAction);
            Assert.Equal(["vip", "wholesale"], (await db.Clients.AsNoTracking().SingleAsync(Ct)).Tags);
        }
    }

    /// <summary>The freshly migrated database of this test, created on first use.</summary>
    protected async Task<IServiceProvider> DatabaseAsync()
    {
        if (_services is null)
        {
            _connectionString = await CreateEmptyDatabaseAsync();
            _services = new ServiceCollection().AddCrmData(_connectionString)
                .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
            await _services.MigrateCrmDatabaseAsync(Ct);
        }

        return _services;
    }

    protected static Client NewClient(
        string name, string? taxId = null, string? email = null, long? managerId = null, IEnumerable<string>? phones = null,
        List<string>? tags = null) => new()
        {
            Name = name,
            TaxId = taxId,
            Email = email,
            ResponsibleManagerId = managerId,
            Tags = tags ?? [],
            CreatedAt = Created,
            UpdatedAt = Created,
            Phones = (phones ?? []).Select(p => new PhoneNumber { E164 = p, OriginalText = p, Kind = PhoneKind.Work }).ToList(),
        };

    protected async Task<Client> AddClientAsync(
        string name, string? taxId = null, string? email = null, long? managerId = null, IEnumerable<string>? phones = null)
    {
        var services = await DatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var client = NewClient(name, taxId, email, managerId, phones);
        db.Clients.Add(client);
        await db.SaveChangesAsync(Ct);
        return client;
    }

    private async Task<User> AddManagerAsync(string login)
    {
        var services = await DatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var user = new User { Login = login, DisplayName = login, PasswordHash = "x", CreatedAt = Created };
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        return user;
    }

    private async Task<ContactPerson> AddContactAsync(long clientId, string name, string phone)
    {
        var services = await DatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var contact = new ContactPerson
        {
            ClientId = clientId,
            Name = name,
            Phones = [new PhoneNumber { E164 = phone, OriginalText = phone, Kind = PhoneKind.Mobile }],
        };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(Ct);
        return contact;
    }

    private async Task<string> ExplainAsync(string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        await using var db = CreateContext(_connectionString!, new CommandRecorder());
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        var (setup, prefix) = ExplainSyntax;
        if (setup is not null)
        {
            await using var prepare = connection.CreateCommand();
            prepare.CommandText = setup;
            await prepare.ExecuteNonQueryAsync(Ct);
        }

        await using var explain = connection.CreateCommand();
        explain.CommandText = prefix + sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = explain.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            explain.Parameters.Add(parameter);
        }

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())));
        }

        return string.Join('\n', lines);
    }
}
