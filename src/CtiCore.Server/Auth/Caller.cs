using CtiCore.Domain.Crm;

namespace CtiCore.Server.Auth;

/// <summary>The authenticated user making a request, as fresh from the database as this request.</summary>
public sealed record Caller(long Id, string Login, UserRole Role, long? DepartmentId);
