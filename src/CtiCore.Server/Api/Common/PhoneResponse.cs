using CtiCore.Domain.Crm;

namespace CtiCore.Server.Api.Common;

public sealed record PhoneResponse(long Id, string E164, string OriginalText, PhoneKind Kind)
{
    public static PhoneResponse From(PhoneNumber phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return new(phone.Id, phone.E164, phone.OriginalText, phone.Kind);
    }
}
