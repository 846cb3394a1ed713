namespace CtiCore.Sip.Messages;

/// <summary>Method names (RFC 3261 §7.1 and extensions). The parser returns these very instances for known methods, so they cost nothing.</summary>
public static class SipMethod
{
    public const string Invite = "INVITE";
    public const string Ack = "ACK";
    public const string Bye = "BYE";
    public const string Cancel = "CANCEL";
    public const string Options = "OPTIONS";
    public const string Register = "REGISTER";
    public const string Info = "INFO";
    public const string Update = "UPDATE";
    public const string Refer = "REFER";
    public const string Notify = "NOTIFY";
    public const string Subscribe = "SUBSCRIBE";
    public const string Message = "MESSAGE";
    public const string Prack = "PRACK";

    internal static string? Known(ReadOnlySpan<byte> method)
    {
        return method.Length switch
        {
            3 => method.SequenceEqual("ACK"u8) ? Ack : method.SequenceEqual("BYE"u8) ? Bye : null,
            4 => method.SequenceEqual("INFO"u8) ? Info : null,
            5 => method.SequenceEqual("REFER"u8) ? Refer : method.SequenceEqual("PRACK"u8) ? Prack : null,
            6 => method.SequenceEqual("INVITE"u8) ? Invite : method.SequenceEqual("CANCEL"u8) ? Cancel
                : method.SequenceEqual("UPDATE"u8) ? Update : method.SequenceEqual("NOTIFY"u8) ? Notify : null,
            7 => method.SequenceEqual("OPTIONS"u8) ? Options : method.SequenceEqual("MESSAGE"u8) ? Message : null,
            8 => method.SequenceEqual("REGISTER"u8) ? Register : null,
            9 => method.SequenceEqual("SUBSCRIBE"u8) ? Subscribe : null,
            _ => null,
        };
    }
}
