namespace CtiCore.Domain.Crm;

public enum PhoneKind
{
    Unknown = 0,
    Mobile = 1,
    Work = 2,
    Home = 3,
    Fax = 4,
}
