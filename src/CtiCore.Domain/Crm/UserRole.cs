namespace CtiCore.Domain.Crm;

public enum UserRole
{
    Agent = 0,
    Supervisor = 1,
    Admin = 2,
}
