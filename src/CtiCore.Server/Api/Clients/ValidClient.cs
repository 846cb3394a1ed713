using CtiCore.Domain.Crm;
using CtiCore.Server.Api.Common;

namespace CtiCore.Server.Api.Clients;

/// <summary>A <see cref="ClientRequest"/> that passed validation, with normalized values.</summary>
internal sealed record ValidClient(
    ClientKind Kind,
    string Name,
    string? TaxId,
    string? Email,
    string? Segment,
    List<string> Tags,
    string? Region,
    string? TimeZone,
    string? Source,
    long? ResponsibleManagerId,
    List<NormalizedPhone> Phones)
{
    public void ApplyTo(Client client, Action<PhoneNumber> deletePhone)
    {
        client.Kind = Kind;
        client.Name = Name;
        client.TaxId = TaxId;
        client.Email = Email;
        client.Segment = Segment;
        client.Tags = Tags;
        client.Region = Region;
        client.TimeZone = TimeZone;
        client.Source = Source;
        client.ResponsibleManagerId = ResponsibleManagerId;
        PhoneInputs.Replace(client.Phones, Phones, p => new PhoneNumber { E164 = p.E164, OriginalText = p.OriginalText, Kind = p.Kind }, deletePhone);
    }
}
