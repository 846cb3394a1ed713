using CtiCore.Domain.Crm;
using CtiCore.Sip.Authentication;
using Microsoft.AspNetCore.Identity;

namespace CtiCore.Server.Auth;

/// <summary>
/// Wherever a password is hashed (user created, password set or changed, admin bootstrap, rehash at login), the
/// user's SIP digest secrets for the built-in PBX are computed from it too, so softphones register with the CRM
/// password while only H(A1) is stored. Secrets missing or made for another realm or extension make a successful
/// login ask for a rehash, which fills them in for users created before this existed.
/// </summary>
internal sealed class SipSecretsPasswordHasher(IPasswordHasher<User> inner, string realm) : IPasswordHasher<User>
{
    public string HashPassword(User user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        user.Sip = SecretsFor(user, password, realm);
        return inner.HashPassword(user, password);
    }

    public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        var stale = user.Sip is null
            || !string.Equals(user.Sip.Realm, realm, StringComparison.Ordinal)
            || !string.Equals(user.Sip.Extension, user.Extension, StringComparison.Ordinal);
        return result == PasswordVerificationResult.Success && stale && user.Id != 0 ? PasswordVerificationResult.SuccessRehashNeeded : result;
    }

    internal static SipSecrets SecretsFor(User user, string password, string realm)
    {
        var extension = string.IsNullOrEmpty(user.Extension) ? null : user.Extension;
        return new SipSecrets
        {
            Realm = realm,
            LoginMd5 = SipDigest.Ha1(SipDigestAlgorithm.Md5, user.Login, realm, password),
            LoginSha256 = SipDigest.Ha1(SipDigestAlgorithm.Sha256, user.Login, realm, password),
            Extension = extension,
            ExtensionMd5 = extension is null ? null : SipDigest.Ha1(SipDigestAlgorithm.Md5, extension, realm, password),
            ExtensionSha256 = extension is null ? null : SipDigest.Ha1(SipDigestAlgorithm.Sha256, extension, realm, password),
        };
    }
}
