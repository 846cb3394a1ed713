namespace CtiCore.Domain.Crm;

public enum ClientKind
{
    Company = 0,
    Person = 1,
}
