using System.Buffers;

namespace CtiCore.Sip.Messages;

/// <summary>Character classes of RFC 3261 §25.1, as vectorizable search sets.</summary>
internal static class SipSyntax
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Mark = "-_.!~*'()";

    /// <summary>token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~").</summary>
    public const string TokenChars = Alphanumeric + "-.!%*_+`'~";

    public static readonly SearchValues<byte> TokenBytes = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.!%*_+`'~"u8);
    public static readonly SearchValues<char> Token = SearchValues.Create(TokenChars);

    public static readonly SearchValues<char> TokenOrColon = SearchValues.Create(TokenChars + ":");

    /// <summary>CTL octets other than HT; none may appear in a start line or a header line (§25.1 TEXT-UTF8, LWS).</summary>
    public static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    public static readonly SearchValues<char> Unreserved = SearchValues.Create(Alphanumeric + Mark);

    /// <summary>user = 1*( unreserved / escaped / user-unreserved ), user-unreserved = "&amp;" / "=" / "+" / "$" / "," / ";" / "?" / "/".</summary>
    public static readonly SearchValues<char> UserChars = SearchValues.Create(Alphanumeric + Mark + "&=+$,;?/%");

    /// <summary>password = *( unreserved / escaped / "&amp;" / "=" / "+" / "$" / "," ).</summary>
    public static readonly SearchValues<char> PasswordChars = SearchValues.Create(Alphanumeric + Mark + "&=+$,%");

    /// <summary>paramchar = param-unreserved / unreserved / escaped; param-unreserved = "[" / "]" / "/" / ":" / "&amp;" / "+" / "$".</summary>
    public static readonly SearchValues<char> ParamChars = SearchValues.Create(Alphanumeric + Mark + "[]/:&+$%");

    /// <summary>hname/hvalue = *( hnv-unreserved / unreserved / escaped ); hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$".</summary>
    public static readonly SearchValues<char> HeaderChars = SearchValues.Create(Alphanumeric + Mark + "[]/?:+$%");

    public static readonly SearchValues<char> HostChars = SearchValues.Create(Alphanumeric + "-.");

    /// <summary>Octets never allowed in any URI form, opaque ones included (§19.1, RFC 3986 §2).</summary>
    public static readonly SearchValues<char> NotInUri = SearchValues.Create(" \t\r\n<>\"\\^`{|}\0");

    public static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    public static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
