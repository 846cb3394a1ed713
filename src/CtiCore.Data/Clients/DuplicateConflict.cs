namespace CtiCore.Data.Clients;

/// <summary>
/// A value of a client being saved that another client already has.
/// <see cref="Field"/> is one of <see cref="TaxIdField"/>, <see cref="EmailField"/>, <see cref="PhoneField"/>.
/// </summary>
public sealed record DuplicateConflict(string Field, string Value, long ExistingClientId, string ExistingClientName)
{
    public const string TaxIdField = "taxId";
    public const string EmailField = "email";
    public const string PhoneField = "phone";
}
