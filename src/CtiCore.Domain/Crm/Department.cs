namespace CtiCore.Domain.Crm;

/// <summary>A team of managers that answers one queue of calls.</summary>
public sealed class Department
{
    public long Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Dialled numbers (DIDs) that land in this department, in E.164.</summary>
    public List<string> Numbers { get; set; } = [];

    public DepartmentRoutingSettings Routing { get; set; } = new();
}
