namespace CtiCore.Domain.Crm;

/// <summary>A counterparty: a company or a person the business talks to.</summary>
public sealed class Client
{
    public long Id { get; set; }
    public ClientKind Kind { get; set; }
    public required string Name { get; set; }

    /// <summary>TIN (INN) or company registration number; unique when present.</summary>
    public string? TaxId { get; set; }

    /// <summary>Primary e-mail, lower-cased; unique when present (duplicate control).</summary>
    public string? Email { get; set; }

    public string? Segment { get; set; }
    public List<string> Tags { get; set; } = [];
    public string? Region { get; set; }

    /// <summary>IANA time-zone id (e.g. "Asia/Vladivostok"), so agents see the client's local time.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Where the client came from: "inbound call", "import", "web form"…</summary>
    public string? Source { get; set; }

    public long? ResponsibleManagerId { get; set; }
    public User? ResponsibleManager { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<ContactPerson> Contacts { get; set; } = [];
    public List<PhoneNumber> Phones { get; set; } = [];
}
