using CtiCore.Domain.Crm;

namespace CtiCore.Server.Demo;

/// <summary>A complete demo CRM, not yet saved: every entity is linked by navigation, so one SaveChanges stores it.</summary>
internal sealed record DemoData(
    IReadOnlyList<Department> Departments,
    IReadOnlyList<User> Users,
    IReadOnlyList<Client> Clients,
    IReadOnlyList<Interaction> Interactions,
    IReadOnlyList<FollowUpTask> Tasks,
    IReadOnlyList<Deal> Deals);
