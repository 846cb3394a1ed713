using CtiCore.Domain.Crm;

namespace CtiCore.Server.Api.Departments;

/// <summary>A department, its dialled numbers (any written form) and routing settings (omitted = defaults).</summary>
public sealed record DepartmentRequest(string? Name, IReadOnlyList<string>? Numbers, DepartmentRoutingSettings? Routing);
