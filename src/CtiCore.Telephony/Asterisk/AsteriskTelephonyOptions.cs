using System.ComponentModel.DataAnnotations;
using System.Net;

namespace CtiCore.Telephony.Asterisk;

/// <summary>Configuration section Cti:Asterisk: whether CtiCore talks to an Asterisk, and how.</summary>
public sealed class AsteriskTelephonyOptions
{
    public const string SectionName = "Cti:Asterisk";

    /// <summary>Off by default: the embedded run needs no PBX.</summary>
    public bool Enabled { get; set; }

    /// <summary>Names this PBX in event sources and ids ("ami:{PbxName}").</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]{1,32}$")]
    public string PbxName { get; set; } = "pbx1";

    /// <summary>Dialplan contexts where inbound trunk calls start; a first channel there is an offered call.</summary>
    [MinLength(1)]
    public IList<string> InboundContexts { get; set; } = ["from-trunk"];

    /// <summary>Device prefixes whose state changes are agents' phones (Queue:, Custom: and the like are not).</summary>
    public IList<string> AgentDevicePrefixes { get; set; } = ["PJSIP/"];

    /// <summary>Address FastAGI listens on. Loopback by default: FastAGI has neither authentication nor encryption.</summary>
    [Required]
    public string AgiListenAddress { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int AgiPort { get; set; } = 4573;

    /// <summary>Only these peers may open FastAGI sessions (the PBX's addresses).</summary>
    [MinLength(1)]
    public IList<string> AllowedPbxAddresses { get; set; } = ["127.0.0.1", "::1"];

    /// <summary>How long a FastAGI route request waits for the routing decision before the dialplan falls back.
    /// Must stay well below the dialplan's own patience; callers hear ringing meanwhile.</summary>
    public TimeSpan AgiDecisionTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Asterisk queue a call waits in when CtiCore queues it (CTICORE_ACTION=queue).</summary>
    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string WaitQueue { get; set; } = "cticore-default";

    /// <summary>Context and extension the caller's channel is redirected to when CtiCore routes it after AGI returned.</summary>
    [Required]
    public string RouteContext { get; set; } = "from-trunk";

    [Required]
    public string RouteExtension { get; set; } = "dial";

    /// <summary>Context the agent's leg of a click-to-call continues in once the agent answers.</summary>
    [Required]
    public string ClickToCallContext { get; set; } = "cticore-click-to-call";

    /// <summary>Context of campaign calls (dialplans/extensions.conf): dials the callee, then holds the answer for an agent.</summary>
    [Required]
    public string CampaignContext { get; set; } = "cticore-campaign";

    public bool IsAllowedPeer(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        var peer = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return AllowedPbxAddresses.Any(allowed => IPAddress.TryParse(allowed, out var ip) && ip.Equals(peer));
    }

    public override string ToString() => $"Enabled={Enabled} Pbx={PbxName} Agi={AgiListenAddress}:{AgiPort}";
}
