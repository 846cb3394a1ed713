using System.Text;

namespace CtiCore.Asterisk.Protocol.Tests;

/// <summary>Hand-written AMI vectors, each modelled on what Asterisk 22 sends (manager.c), CRLF line ends.</summary>
internal static class AmiVectors
{
    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public const string BannerAndLogin =
        "Asterisk Call Manager/11.0.0\r\n" +
        "Response: Success\r\nActionID: 1\r\nMessage: Authentication accepted\r\n\r\n";

    public const string RepeatedKeys =
        "Asterisk Call Manager/11.0.0\r\n" +
        "Event: Newchannel\r\nPrivilege: call,all\r\nChannel: PJSIP/trunk-00000001\r\nUniqueid: 1795.1\r\n" +
        "ChanVariable: CTICORE_DNIS=5551000\r\nChanVariable: CTICORE_RECORDING=1795.1.wav\r\nChanVariable: EMPTY=\r\n\r\n";

    public const string LegacyFollows =
        "Asterisk Call Manager/1.1\r\n" +
        "Response: Follows\r\nPrivilege: Command\r\nActionID: 7\r\n" +
        "Asterisk 1.8.32.3 built by root\r\n\r\nVerbosity: 3\r\n" +
        "--END COMMAND--\r\n\r\n" +
        "Event: FullyBooted\r\nStatus: Fully Booted\r\n\r\n";

    public const string CommandOutput22 =
        "Asterisk Call Manager/11.0.0\r\n" +
        "Response: Success\r\nActionID: 8\r\nMessage: Command output follows\r\n" +
        "Output: Asterisk 22.10.1 built by debian @ debian on a x86_64 running Linux\r\n" +
        "Output:   indented: keeps its spaces\r\nOutput: \r\n\r\n";

    public const string Utf8Values =
        "Asterisk Call Manager/11.0.0\r\n" +
        "Event: Newcallerid\r\nCallerIDName: Jürgen Müller 日本 ☎\r\nCallerIDNum: +33 1 23 45 67 89\r\n" +
        "EventTV: 2026-11-23T15:05:35.724+0000\r\nEmpty:\r\nSpaceOnly: \r\n\r\n";

    public const string BareLineFeeds =
        "Asterisk Call Manager/11.0.0\n" +
        "Event: Hangup\nChannel: PJSIP/101-00000002\nCause: 16\nCause-txt: Normal Clearing\n\n";

    public const string LeadingBlankLines =
        "Asterisk Call Manager/11.0.0\r\n\r\n\r\n" +
        "Event: Shutdown\r\nShutdown: Cleanly\r\nRestart: False\r\n\r\n\r\n" +
        "Response: Goodbye\r\nMessage: Thanks for all the fish.\r\n\r\n";

    /// <summary>OriginateResponse is an event that carries a "Response:" field (manager.c, originate_exec).</summary>
    public const string OriginateResponse =
        "Asterisk Call Manager/11.0.0\r\n" +
        "Response: Success\r\nActionID: cti-3\r\nMessage: Originate successfully queued\r\n\r\n" +
        "Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: cti-3\r\nResponse: Success\r\n" +
        "Channel: PJSIP/101-00000025\r\nReason: 4\r\nUniqueid: 1795447999.39\r\n\r\n";

    public static readonly (string Name, string Text, int Packets)[] All =
    [
        (nameof(BannerAndLogin), BannerAndLogin, 2),
        (nameof(RepeatedKeys), RepeatedKeys, 2),
        (nameof(LegacyFollows), LegacyFollows, 3),
        (nameof(CommandOutput22), CommandOutput22, 2),
        (nameof(Utf8Values), Utf8Values, 2),
        (nameof(BareLineFeeds), BareLineFeeds, 2),
        (nameof(LeadingBlankLines), LeadingBlankLines, 3),
        (nameof(OriginateResponse), OriginateResponse, 3),
    ];

    public static TheoryData<string> Names() => [.. All.Select(v => v.Name)];

    public static (string Text, int Packets) Get(string name)
    {
        var vector = All.Single(v => v.Name == name);
        return (vector.Text, vector.Packets);
    }
}
