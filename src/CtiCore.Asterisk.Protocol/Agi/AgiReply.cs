namespace CtiCore.Asterisk.Protocol.Agi;

/// <summary>
/// Asterisk's answer to one AGI command: "200 result=1 (data)", an error status (510, 511, 520 with its usage text),
/// or the out-of-band "HANGUP" line FastAGI sends when the channel hangs up.
/// </summary>
public sealed record AgiReply(int Status, string? Result, string? Data, string Text)
{
    /// <summary>The "HANGUP" notice; it is not an answer to a command.</summary>
    public bool IsHangup => Status == 0 && Text == "HANGUP";

    public bool IsSuccess => Status == 200;
}
