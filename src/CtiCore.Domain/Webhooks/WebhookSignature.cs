using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CtiCore.Domain.Webhooks;

/// <summary>
/// HMAC-SHA256 over <c>{timestamp}.{body}</c>, hex, prefixed <c>v1=</c>. Signing the timestamp with the body lets a
/// receiver refuse a replayed request: it checks the signature, then that the timestamp is recent.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-CtiCore-Timestamp";
    public const string SignatureHeader = "X-CtiCore-Signature";
    public const string EventHeader = "X-CtiCore-Event";
    public const string DeliveryHeader = "X-CtiCore-Delivery";
    public const string Version = "v1=";

    public static string Sign(string secret, long unixSeconds, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        var message = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + "." + body);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
        return Version + Convert.ToHexStringLower(mac);
    }

    /// <summary>Constant-time check of a received signature header.</summary>
    public static bool Verify(string secret, long unixSeconds, string body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sign(secret, unixSeconds, body)), Encoding.ASCII.GetBytes(signature));
}
