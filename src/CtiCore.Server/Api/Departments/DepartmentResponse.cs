using CtiCore.Domain.Crm;

namespace CtiCore.Server.Api.Departments;

public sealed record DepartmentResponse(long Id, string Name, IReadOnlyList<string> Numbers, DepartmentRoutingSettings Routing)
{
    public static DepartmentResponse From(Department department)
    {
        ArgumentNullException.ThrowIfNull(department);
        return new(department.Id, department.Name, department.Numbers, department.Routing);
    }
}
