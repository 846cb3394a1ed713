using System.Globalization;

namespace CtiCore.Sip.Messages;

/// <summary>CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16); the number is below 2**31 (§8.1.1.5).</summary>
public readonly record struct SipCSeq(long Number, string Method)
{
    public override string ToString() => $"{Number.ToString(CultureInfo.InvariantCulture)} {Method}";

    public static SipCSeq Parse(string value)
    {
        var span = value.AsSpan().Trim();
        var space = span.IndexOfAny(' ', '\t');
        if (space <= 0)
        {
            throw new SipRejectedException(SipRejectionReason.InvalidCSeq, "CSeq must be a number and a method");
        }
        if (!SipHeaderReader.ParseDigits(span[..space].ToString(), int.MaxValue, out var number))
        {
            throw new SipRejectedException(SipRejectionReason.InvalidCSeq, "CSeq number must be below 2**31");
        }
        var method = span[space..].Trim();
        if (method.IsEmpty || method.IndexOfAnyExcept(SipSyntax.Token) >= 0)
        {
            throw new SipRejectedException(SipRejectionReason.InvalidCSeq, "CSeq method must be a token");
        }
        return new SipCSeq(number, KnownOrNew(method));
    }

    private static string KnownOrNew(ReadOnlySpan<char> method)
    {
        Span<byte> ascii = stackalloc byte[16];
        if (method.Length <= ascii.Length)
        {
            for (var i = 0; i < method.Length; i++)
            {
                ascii[i] = (byte)method[i];
            }
            var known = SipMethod.Known(ascii[..method.Length]);
            if (known is not null)
            {
                return known;
            }
        }
        return method.ToString();
    }
}
