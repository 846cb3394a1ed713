namespace CtiCore.Domain.Crm;

/// <summary>
/// The digest H(A1) values a softphone's REGISTER is checked against. Digest hashes the user name in, so each name a
/// phone may use (login, extension) has its own pair; the realm is in the hash too (<see cref="Realm"/>).
/// </summary>
public sealed class SipSecrets
{
    public required string Realm { get; set; }
    public string? LoginMd5 { get; set; }
    public string? LoginSha256 { get; set; }

    /// <summary>The extension the extension pair was computed for; a changed extension needs the password again.</summary>
    public string? Extension { get; set; }
    public string? ExtensionMd5 { get; set; }
    public string? ExtensionSha256 { get; set; }
}
