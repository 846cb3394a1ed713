using CtiCore.Data.Crm;
using CtiCore.Domain.Crm;

namespace CtiCore.Data.Tests.Crm;

public sealed class EfAgentDirectoryTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly SqliteCrmFixture _db = new();
    private readonly EfAgentDirectory _directory;

    public EfAgentDirectoryTests() => _directory = new EfAgentDirectory(_db);

    [Fact]
    public async Task A_department_is_found_by_its_dialled_number_and_carries_its_settings()
    {
        var sales = await _db.AddAsync(new Department
        {
            Name = "Sales",
            Numbers = ["+74950000001", "+74950000002"],
            Routing = new DepartmentRoutingSettings { LoadMetric = LoadMetric.FewestCallsToday, RingTimeoutSeconds = 15 },
        });
        var support = await _db.AddAsync(new Department { Name = "Support", Numbers = ["+74950000003"] });
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(sales.Id, await _directory.FindDepartmentByNumberAsync("+74950000002", ct));
        Assert.Equal(support.Id, await _directory.FindDepartmentByNumberAsync("+74950000003", ct));
        Assert.Null(await _directory.FindDepartmentByNumberAsync("+74950000009", ct));
        Assert.Equal(sales.Id, await _directory.GetDefaultDepartmentIdAsync(ct));

        var profile = await _directory.GetDepartmentAsync(sales.Id, ct);
        Assert.Equal("Sales", profile?.Name);
        Assert.Equal(LoadMetric.FewestCallsToday, profile?.Settings.LoadMetric);
        Assert.Equal(15, profile?.Settings.RingTimeoutSeconds);
        Assert.Null(await _directory.GetDepartmentAsync(999, ct));
    }

    [Fact]
    public async Task Agents_of_a_department_and_lookup_by_endpoint_or_extension()
    {
        var sales = await _db.AddAsync(new Department { Name = "Sales" });
        var other = await _db.AddAsync(new Department { Name = "Other" });
        var ivanova = await _db.AddAsync(SqliteCrmFixture.Agent("Ivanova", sales.Id, "PJSIP/101", "PJSIP/101-mobile"));
        var inactive = SqliteCrmFixture.Agent("Gone", sales.Id, "PJSIP/109");
        inactive.IsActive = false;
        await _db.AddAsync(inactive);
        var petrov = SqliteCrmFixture.Agent("Petrov", other.Id, "PJSIP/102");
        petrov.Extension = "102";
        await _db.AddAsync(petrov);
        var ct = TestContext.Current.CancellationToken;

        var agents = await _directory.GetDepartmentAgentsAsync(sales.Id, ct);

        var only = Assert.Single(agents);
        Assert.Equal(ivanova.Id, only.AgentId);
        Assert.Equal("PJSIP/101", only.PrimaryEndpoint);
        Assert.Equal(ivanova.Id, await _directory.FindAgentByEndpointAsync("PJSIP/101-mobile", ct));
        Assert.Equal(petrov.Id, await _directory.FindAgentByEndpointAsync("102", ct));
        Assert.Null(await _directory.FindAgentByEndpointAsync("PJSIP/109", ct));
        Assert.Null(await _directory.FindAgentByEndpointAsync("PJSIP/999", ct));
        Assert.Equal("Petrov", (await _directory.GetAgentAsync(petrov.Id, ct))?.DisplayName);
    }

    [Fact]
    public async Task Absences_overlapping_the_period_come_with_their_substitute()
    {
        var sales = await _db.AddAsync(new Department { Name = "Sales" });
        var ivanova = await _db.AddAsync(SqliteCrmFixture.Agent("Ivanova", sales.Id));
        var sidorov = await _db.AddAsync(SqliteCrmFixture.Agent("Sidorov", sales.Id));
        await _db.AddAsync(new Absence { UserId = ivanova.Id, From = Now.AddDays(-1), To = Now.AddDays(6), SubstituteUserId = sidorov.Id, Reason = "vacation" });
        await _db.AddAsync(new Absence { UserId = sidorov.Id, From = Now.AddDays(-10), To = Now.AddDays(-5) });
        await _db.AddAsync(new Absence { UserId = sidorov.Id, From = Now.AddHours(2), To = Now.AddHours(3) });

        var absences = await _directory.GetAbsencesAsync(sales.Id, Now, Now.AddMinutes(1), TestContext.Current.CancellationToken);

        var absence = Assert.Single(absences);
        Assert.Equal(ivanova.Id, absence.AgentId);
        Assert.Equal(sidorov.Id, absence.SubstituteAgentId);
        Assert.True(absence.Covers(Now));
    }

    public void Dispose() => _db.Dispose();
}
