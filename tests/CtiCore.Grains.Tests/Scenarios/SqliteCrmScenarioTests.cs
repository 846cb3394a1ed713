using CtiCore.Domain.Crm;
using CtiCore.Domain.Routing;
using CtiCore.Grains.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Grains.Tests.Scenarios;

/// <summary>The grains on the real CRM: EF ports, SQLite, the unique call-key index.</summary>
public sealed class SqliteCrmScenarioTests(SqliteClusterFixture cluster) : ScenarioBase(cluster), IClassFixture<SqliteClusterFixture>
{
    [Fact]
    public async Task New_callers_get_cards_in_the_crm_and_a_returning_one_reaches_the_agent_who_answered_before()
    {
        var ct = TestContext.Current.CancellationToken;
        long ivanova, petrov, department;
        await using (var db = cluster.CreateDbContext())
        {
            var sales = new Department { Name = "Sales", Numbers = ["+74957770000"], Routing = new DepartmentRoutingSettings { WrapUpSeconds = 0 } };
            db.Departments.Add(sales);
            await db.SaveChangesAsync(ct);
            var first = new User { Login = "ivanova", DisplayName = "Ivanova", PasswordHash = "-", DepartmentId = sales.Id, Endpoints = ["PJSIP/101"] };
            var second = new User { Login = "petrov", DisplayName = "Petrov", PasswordHash = "-", DepartmentId = sales.Id, Endpoints = ["PJSIP/102"] };
            db.Users.AddRange(first, second);
            await db.SaveChangesAsync(ct);
            (ivanova, petrov, department) = (first.Id, second.Id, sales.Id);
        }

        await cluster.Agent(ivanova).LogInAsync();
        await cluster.Agent(petrov).LogInAsync();

        var call1 = new CallScript("sql-1", World);
        await PublishAsync(call1.Offered("+79995550001", "+7 495 777-00-00"));
        await RingingAsync(call1.CallId, ivanova);
        await PublishAsync(call1.Answered("PJSIP/101"));
        await PublishAsync(call1.Ended());
        await RouterSeesAsync(department, ivanova, AgentStatus.Available);

        var call2 = new CallScript("sql-2", World);
        await PublishAsync(call2.Offered("+79995550002", "+74957770000"));
        await RingingAsync(call2.CallId, petrov);
        await PublishAsync(call2.Answered("PJSIP/102"));
        await PublishAsync(call2.Ended());
        await RouterSeesAsync(department, petrov, AgentStatus.Available);

        // Long after the caller cache expired, the first caller calls again: the CRM remembers Ivanova.
        World.Time.Advance(TimeSpan.FromMinutes(30));
        var call3 = new CallScript("sql-3", World);
        await PublishAsync(call3.Offered("+79995550001", "+74957770000"));
        var view = await RingingAsync(call3.CallId, ivanova);
        Assert.Equal("relationship manager: Ivanova", view.Decisions[0].Reason);
        await PublishAsync(call3.Answered("PJSIP/101"));
        await PublishAsync(call3.Ended());
        await PublishAsync(call3.Ended());

        await using var check = cluster.CreateDbContext();
        var cards = await check.Clients.Include(c => c.Phones).Where(c => c.Source == "inbound call").OrderBy(c => c.Id).ToListAsync(ct);
        Assert.Equal(["New caller +79995550001", "New caller +79995550002"], cards.Select(c => c.Name));
        var calls = await check.Interactions.OrderBy(i => i.CallKey).ToListAsync(ct);
        Assert.Equal(["sql-1", "sql-2", "sql-3"], calls.Select(c => c.CallKey));
        Assert.Equal(
            ["new caller → longest idle: Ivanova", "new caller → longest idle: Petrov", "relationship manager: Ivanova"],
            calls.Select(c => c.RoutingReason));
        Assert.Equal([ivanova, petrov, ivanova], calls.Select(c => c.AgentId!.Value));
        Assert.Equal([cards[0].Id, cards[1].Id, cards[0].Id], calls.Select(c => c.ClientId!.Value));
        Assert.All(calls, c => Assert.Equal(CallOutcome.Answered, c.Outcome));
        Assert.All(calls, c => Assert.Equal(department, c.DepartmentId));
    }
}
