namespace CtiCore.Domain.Crm;

/// <summary>
/// A phone number stored in E.164 form with the text it was entered as.
/// It belongs to exactly one client or one contact person; the E.164 form is unique across the CRM,
/// which is what makes caller recognition a single indexed lookup.
/// </summary>
public sealed class PhoneNumber
{
    public long Id { get; set; }

    /// <summary>Normalized form, e.g. "+74956601812".</summary>
    public required string E164 { get; set; }

    /// <summary>As typed or imported, e.g. "8 (495) 660-18-12".</summary>
    public required string OriginalText { get; set; }

    public PhoneKind Kind { get; set; }

    public long? ClientId { get; set; }
    public Client? Client { get; set; }

    public long? ContactId { get; set; }
    public ContactPerson? Contact { get; set; }
}
