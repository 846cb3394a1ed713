namespace CtiCore.Domain.Crm;

public enum InteractionKind
{
    Call = 0,
    Meeting = 1,
    Email = 2,
}
