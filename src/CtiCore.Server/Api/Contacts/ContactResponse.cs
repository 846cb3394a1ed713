using CtiCore.Domain.Crm;
using CtiCore.Server.Api.Common;

namespace CtiCore.Server.Api.Contacts;

public sealed record ContactResponse(long Id, long ClientId, string Name, string? Position, IReadOnlyList<string> Emails, IReadOnlyList<PhoneResponse> Phones)
{
    public static ContactResponse From(ContactPerson contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return new(contact.Id, contact.ClientId, contact.Name, contact.Position, contact.Emails, contact.Phones.OrderBy(p => p.Id).Select(PhoneResponse.From).ToList());
    }
}
