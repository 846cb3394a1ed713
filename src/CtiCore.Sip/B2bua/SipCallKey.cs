using System.Security.Cryptography;
using System.Text;

namespace CtiCore.Sip.B2bua;

/// <summary>
/// The call key CtiCore uses for an inbound Call-ID. It names grains, recordings and files, so it is kept to
/// 1–128 characters of A–Z, a–z, 0–9, '.', '_' and '-' (no "..", see CtiCore.Media's storage layout). A Call-ID that
/// already is such a key is used as it is; any other (RFC 3261 §25.1 allows '@', '/', quotes…) becomes
/// "sip-" + 32 hex digits of its SHA-256, stable for the same Call-ID.
/// </summary>
public static class SipCallKey
{
    public const int MaxLength = 128;

    public static string From(string callId)
    {
        ArgumentNullException.ThrowIfNull(callId);
        return IsSafe(callId) ? callId : "sip-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(callId)).AsSpan(0, 16));
    }

    public static bool IsSafe(string key)
    {
        if (key.Length is 0 or > MaxLength || !char.IsAsciiLetterOrDigit(key[0]) || key.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }
        return true;
    }
}
