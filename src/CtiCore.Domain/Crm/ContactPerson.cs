namespace CtiCore.Domain.Crm;

/// <summary>A person at a client: the one an agent actually talks to.</summary>
public sealed class ContactPerson
{
    public long Id { get; set; }
    public long ClientId { get; set; }
    public Client? Client { get; set; }
    public required string Name { get; set; }
    public string? Position { get; set; }
    public List<string> Emails { get; set; } = [];
    public List<PhoneNumber> Phones { get; set; } = [];
}
