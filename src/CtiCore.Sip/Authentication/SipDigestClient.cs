using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Authentication;

/// <summary>The client side of digest authentication: answers a WWW-Authenticate/Proxy-Authenticate challenge (§22.2).</summary>
public static class SipDigestClient
{
    /// <summary>
    /// Builds the Authorization value for <paramref name="challenge"/>. qop=auth is used when offered (with a fresh
    /// cnonce); otherwise the RFC 2069-compatible form.
    /// </summary>
    public static string Authorize(string challenge, string method, string digestUri, string username, string password, int nonceCount = 1, string? clientNonce = null)
    {
        var parameters = SipAuthParameters.Parse(challenge);
        if (!parameters.IsDigest)
        {
            throw new SipRejectedException(SipRejectionReason.InvalidHeaderValue, $"unsupported authentication scheme {parameters.Scheme}");
        }
        var algorithm = SipDigest.ParseAlgorithm(parameters["algorithm"])
            ?? throw new SipRejectedException(SipRejectionReason.InvalidHeaderValue, "unsupported digest algorithm");
        var realm = parameters["realm"] ?? throw new SipRejectedException(SipRejectionReason.InvalidHeaderValue, "challenge without realm");
        var nonce = parameters["nonce"] ?? throw new SipRejectedException(SipRejectionReason.InvalidHeaderValue, "challenge without nonce");
        var offersAuth = parameters["qop"]?.Split(',').Any(q => q.Trim() == "auth") == true;
        var qop = offersAuth ? "auth" : null;
        var nc = nonceCount.ToString("x8", CultureInfo.InvariantCulture);
        var cnonce = clientNonce ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var response = SipDigest.Response(algorithm, username, realm, password, method, digestUri, nonce, qop, nc, cnonce);
        var text = new StringBuilder("Digest username=\"").Append(username).Append("\", realm=\"").Append(realm)
            .Append("\", nonce=\"").Append(nonce).Append("\", uri=\"").Append(digestUri).Append("\", response=\"").Append(response)
            .Append("\", algorithm=").Append(SipDigest.AlgorithmName(algorithm));
        if (qop is not null)
        {
            text.Append(", qop=auth, nc=").Append(nc).Append(", cnonce=\"").Append(cnonce).Append('"');
        }
        if (parameters["opaque"] is { } opaque)
        {
            text.Append(", opaque=\"").Append(opaque).Append('"');
        }
        return text.ToString();
    }
}
