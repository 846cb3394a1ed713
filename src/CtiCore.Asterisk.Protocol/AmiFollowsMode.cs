namespace CtiCore.Asterisk.Protocol;

/// <summary>
/// Legacy "Response: Follows" command output (Asterisk before 14): raw lines, blank ones included, up to
/// "--END COMMAND--", and only then the blank line that ends the packet.
/// </summary>
internal enum AmiFollowsMode
{
    None,
    InOutput,
    Ended,
}
