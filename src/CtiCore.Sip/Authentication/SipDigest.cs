using System.Security.Cryptography;
using System.Text;

namespace CtiCore.Sip.Authentication;

/// <summary>The digest computation of RFC 2617 §3.2.2 / RFC 7616 §3.4.1, for qop=auth or no qop.</summary>
public static class SipDigest
{
    public static string AlgorithmName(SipDigestAlgorithm algorithm) => algorithm == SipDigestAlgorithm.Sha256 ? "SHA-256" : "MD5";

    public static SipDigestAlgorithm? ParseAlgorithm(string? name) => name switch
    {
        null => SipDigestAlgorithm.Md5, // RFC 2617 §3.2.1: absent means MD5.
        _ when name.Equals("MD5", StringComparison.OrdinalIgnoreCase) => SipDigestAlgorithm.Md5,
        _ when name.Equals("SHA-256", StringComparison.OrdinalIgnoreCase) => SipDigestAlgorithm.Sha256,
        _ => null,
    };

    public static string Hash(SipDigestAlgorithm algorithm, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        // MD5 is what RFC 2617 digest and most SIP phones still speak; SHA-256 is offered first (RFC 8760 §2.4).
#pragma warning disable CA5351
        var hash = algorithm == SipDigestAlgorithm.Sha256 ? SHA256.HashData(bytes) : MD5.HashData(bytes);
#pragma warning restore CA5351
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// response = KD(H(A1), nonce:nc:cnonce:qop:H(A2)) with qop, or KD(H(A1), nonce:H(A2)) without;
    /// A1 = username:realm:password, A2 = method:digest-uri.
    /// </summary>
    public static string Response(SipDigestAlgorithm algorithm, string username, string realm, string password, string method, string digestUri, string nonce, string? qop, string? nonceCount, string? clientNonce) =>
        ResponseFromHa1(algorithm, Ha1(algorithm, username, realm, password), method, digestUri, nonce, qop, nonceCount, clientNonce);

    /// <summary>H(A1) = H(username:realm:password): what a server stores instead of the password (RFC 2617 §3.2.2.2).</summary>
    public static string Ha1(SipDigestAlgorithm algorithm, string username, string realm, string password) =>
        Hash(algorithm, $"{username}:{realm}:{password}");

    /// <summary>The response computed from a stored H(A1), so the server never needs the password.</summary>
    public static string ResponseFromHa1(SipDigestAlgorithm algorithm, string ha1, string method, string digestUri, string nonce, string? qop, string? nonceCount, string? clientNonce)
    {
        var ha2 = Hash(algorithm, $"{method}:{digestUri}");
        return qop is null
            ? Hash(algorithm, $"{ha1}:{nonce}:{ha2}")
            : Hash(algorithm, $"{ha1}:{nonce}:{nonceCount}:{clientNonce}:{qop}:{ha2}");
    }
}
