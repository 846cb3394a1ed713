using System.Globalization;
using System.Text.RegularExpressions;

namespace CtiCore.Softphone.Tests.Harness;

/// <summary>
/// The RTP relay's counters of one call, as the relay logs them when the call's media closes ("RTP session closed:
/// caller RtpLegCounters { PacketsReceived = …, … }, agent RtpLegCounters { … }", Debug, CtiCore.Sip.Rtp). Each leg
/// counts what its peer sent: the caller leg what the trunk sent, the agent leg what the phone sent.
/// </summary>
public sealed partial record RelayCounters(IReadOnlyDictionary<string, long> Caller, IReadOnlyDictionary<string, long> Agent)
{
    /// <summary>Every closed session in <paramref name="log"/>, oldest first.</summary>
    public static IReadOnlyList<RelayCounters> Parse(string log) =>
        [.. ClosedLine().Matches(log).Select(m => new RelayCounters(Fields(m.Groups["caller"].Value), Fields(m.Groups["agent"].Value)))];

    private static Dictionary<string, long> Fields(string text) =>
        FieldPair().Matches(text).ToDictionary(f => f.Groups["name"].Value, f => long.Parse(f.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"RTP session closed: caller ""?RtpLegCounters \{(?<caller>[^}]*)\}""?, agent ""?RtpLegCounters \{(?<agent>[^}]*)\}")]
    private static partial Regex ClosedLine();

    [GeneratedRegex(@"(?<name>\w+) = (?<value>\d+)")]
    private static partial Regex FieldPair();
}
