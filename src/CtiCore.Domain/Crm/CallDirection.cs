namespace CtiCore.Domain.Crm;

public enum CallDirection
{
    Inbound = 0,
    Outbound = 1,
    Internal = 2,
}
