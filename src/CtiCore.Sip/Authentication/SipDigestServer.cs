using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Authentication;

/// <summary>
/// The server side of SIP digest authentication (RFC 3261 §22.4, RFC 2617, RFC 8760): issues challenges and checks
/// credentials. Nonces are stateless: a timestamp and an HMAC over it and the realm, so a nonce proves we issued it
/// and how old it is without a table to fill. qop=auth is offered; SHA-256 first, then MD5 (RFC 8760 §2.4).
/// </summary>
public sealed class SipDigestServer
{
    private readonly byte[] _key;
    private readonly TimeProvider _timeProvider;
    private readonly Func<string, SipDigestAlgorithm, string?> _ha1For;

    /// <param name="realm">The protection realm, usually the domain.</param>
    /// <param name="passwordFor">The password of a user name, or null for an unknown user.</param>
    /// <param name="nonceLifetime">How long a nonce is accepted before it is stale.</param>
    public SipDigestServer(string realm, Func<string, string?> passwordFor, TimeProvider timeProvider, TimeSpan nonceLifetime, IReadOnlyList<SipDigestAlgorithm>? algorithms = null, byte[]? key = null)
        : this(realm, Ha1From(realm, passwordFor), timeProvider, nonceLifetime, algorithms, key)
    {
    }

    /// <param name="ha1For">The stored H(A1) of a user name for an algorithm, or null for an unknown user: no password needed.</param>
    public SipDigestServer(string realm, Func<string, SipDigestAlgorithm, string?> ha1For, TimeProvider timeProvider, TimeSpan nonceLifetime, IReadOnlyList<SipDigestAlgorithm>? algorithms = null, byte[]? key = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(realm);
        Realm = realm;
        _ha1For = ha1For;
        _timeProvider = timeProvider;
        NonceLifetime = nonceLifetime;
        Algorithms = algorithms ?? [SipDigestAlgorithm.Sha256, SipDigestAlgorithm.Md5];
        _key = key ?? RandomNumberGenerator.GetBytes(32);
    }

    public string Realm { get; }

    public TimeSpan NonceLifetime { get; }

    public IReadOnlyList<SipDigestAlgorithm> Algorithms { get; }

    /// <summary>One WWW-Authenticate (or Proxy-Authenticate) value per offered algorithm.</summary>
    public IReadOnlyList<string> CreateChallenges(bool stale = false)
    {
        var nonce = CreateNonce();
        var list = new List<string>(Algorithms.Count);
        foreach (var algorithm in Algorithms)
        {
            var text = new StringBuilder("Digest realm=\"").Append(Realm).Append("\", nonce=\"").Append(nonce)
                .Append("\", algorithm=").Append(SipDigest.AlgorithmName(algorithm)).Append(", qop=\"auth\"");
            if (stale)
            {
                text.Append(", stale=true");
            }
            list.Add(text.ToString());
        }
        return list;
    }

    /// <summary>Checks the Authorization (or Proxy-Authorization) lines of <paramref name="request"/>.</summary>
    public SipDigestVerdict Verify(SipMessage request, SipHeaderId header = SipHeaderId.Authorization) => Verify(request, _ha1For, header);

    /// <summary>As <see cref="Verify(SipMessage, SipHeaderId)"/> with credentials looked up beforehand (an async store).</summary>
    public SipDigestVerdict Verify(SipMessage request, Func<string, SipDigestAlgorithm, string?> ha1For, SipHeaderId header = SipHeaderId.Authorization)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ha1For);
        var verdict = SipDigestVerdict.Missing;
        foreach (var line in request.GetHeaderLines(header))
        {
            SipAuthParameters credentials;
            try
            {
                credentials = SipAuthParameters.Parse(line);
            }
            catch (SipRejectedException)
            {
                verdict = SipDigestVerdict.Invalid;
                continue;
            }
            if (!credentials.IsDigest || credentials["realm"] != Realm)
            {
                continue; // RFC 4475 §3.3.7: unknown schemes are ignored, not fatal.
            }
            var result = VerifyOne(credentials, request, ha1For);
            if (result == SipDigestVerdict.Valid)
            {
                return result;
            }
            verdict = result;
        }
        return verdict;
    }

    /// <summary>The user name of the first Digest credentials for our realm, once verified.</summary>
    public static string? UserName(SipMessage request, SipHeaderId header = SipHeaderId.Authorization)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var line in request.GetHeaderLines(header))
        {
            try
            {
                var credentials = SipAuthParameters.Parse(line);
                if (credentials.IsDigest)
                {
                    return credentials["username"];
                }
            }
            catch (SipRejectedException)
            {
            }
        }
        return null;
    }

    private static Func<string, SipDigestAlgorithm, string?> Ha1From(string realm, Func<string, string?> passwordFor) =>
        (user, algorithm) => passwordFor(user) is { } password ? SipDigest.Ha1(algorithm, user, realm, password) : null;

    private SipDigestVerdict VerifyOne(SipAuthParameters credentials, SipMessage request, Func<string, SipDigestAlgorithm, string?> ha1For)
    {
        var algorithm = SipDigest.ParseAlgorithm(credentials["algorithm"]);
        var username = credentials["username"];
        var nonce = credentials["nonce"];
        var uri = credentials["uri"];
        var response = credentials["response"];
        var qop = credentials["qop"];
        if (algorithm is null || !Algorithms.Contains(algorithm.Value) || username is null || nonce is null || uri is null || response is null)
        {
            return SipDigestVerdict.Invalid;
        }
        if (qop is not null && (qop != "auth" || credentials["nc"] is null || credentials["cnonce"] is null))
        {
            return SipDigestVerdict.Invalid;
        }
        // RFC 3261 §22.4 / RFC 2617 §3.2.2.5: the digest-uri must name the Request-URI.
        if (!string.Equals(uri, request.RequestUriText, StringComparison.Ordinal))
        {
            return SipDigestVerdict.Invalid;
        }
        var age = NonceAge(nonce);
        if (age is null)
        {
            return SipDigestVerdict.Invalid;
        }
        var ha1 = ha1For(username, algorithm.Value);
        if (ha1 is null)
        {
            return SipDigestVerdict.Invalid;
        }
        var expected = SipDigest.ResponseFromHa1(algorithm.Value, ha1.ToLowerInvariant(), request.Method, uri, nonce, qop, credentials["nc"], credentials["cnonce"]);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(response.ToLowerInvariant())))
        {
            return SipDigestVerdict.Invalid;
        }
        return age.Value > NonceLifetime ? SipDigestVerdict.Stale : SipDigestVerdict.Valid;
    }

    private string CreateNonce()
    {
        Span<byte> raw = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(raw, _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        Sign(raw[..8], raw[8..]);
        return Convert.ToBase64String(raw).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>How old a nonce we issued is; null when we did not issue it.</summary>
    private TimeSpan? NonceAge(string nonce)
    {
        Span<byte> raw = stackalloc byte[24];
        var base64 = nonce.Replace('-', '+').Replace('_', '/');
        if (nonce.Length != 32 || !Convert.TryFromBase64String(base64, raw, out var written) || written != 24)
        {
            return null;
        }
        Span<byte> expected = stackalloc byte[16];
        Sign(raw[..8], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, raw[8..]))
        {
            return null;
        }
        var issued = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(raw));
        var age = _timeProvider.GetUtcNow() - issued;
        return age < TimeSpan.Zero ? null : age;
    }

    private void Sign(ReadOnlySpan<byte> timestamp, Span<byte> signature)
    {
        Span<byte> input = stackalloc byte[8 + Encoding.UTF8.GetByteCount(Realm)];
        timestamp.CopyTo(input);
        Encoding.UTF8.GetBytes(Realm, input[8..]);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, input, mac);
        mac[..16].CopyTo(signature);
    }
}
