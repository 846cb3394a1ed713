using CtiCore.Domain.Crm;
using CtiCore.Server.Api.Common;

namespace CtiCore.Server.Api.Clients;

public sealed record ClientResponse(
    long Id,
    ClientKind Kind,
    string Name,
    string? TaxId,
    string? Email,
    string? Segment,
    IReadOnlyList<string> Tags,
    string? Region,
    string? TimeZone,
    string? Source,
    long? ResponsibleManagerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<PhoneResponse> Phones,
    IReadOnlyList<ContactSummary> Contacts)
{
    public static ClientResponse From(Client client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new(
            client.Id, client.Kind, client.Name, client.TaxId, client.Email, client.Segment, client.Tags, client.Region,
            client.TimeZone, client.Source, client.ResponsibleManagerId, client.CreatedAt, client.UpdatedAt,
            client.Phones.OrderBy(p => p.Id).Select(PhoneResponse.From).ToList(),
            client.Contacts.OrderBy(c => c.Name).Select(c => new ContactSummary(c.Id, c.Name, c.Position)).ToList());
    }
}
