namespace CtiCore.Sip.Authentication;

/// <summary>
/// Where the registrar finds a user's digest secrets: the stored H(A1) per algorithm, never a password. May be slow
/// (a database), so it is asked once per REGISTER, off the receive loop.
/// </summary>
public interface ISipCredentialSource
{
    /// <summary>The secrets of <paramref name="userName"/> in the endpoint's realm, or null for an unknown or disabled user.</summary>
    ValueTask<SipCredentials?> FindAsync(string userName, CancellationToken cancellationToken);
}

/// <summary>H(user:realm:password) in lower-case hex, for MD5 and SHA-256 (RFC 8760); a missing one refuses that algorithm.</summary>
public sealed record SipCredentials(string? Md5Ha1, string? Sha256Ha1)
{
    public string? For(SipDigestAlgorithm algorithm) => algorithm == SipDigestAlgorithm.Sha256 ? Sha256Ha1 : Md5Ha1;
}
