namespace CtiCore.Domain.Crm;

public enum OverflowAction
{
    Voicemail = 0,
    Department = 1,
    CallbackRequest = 2,
}
