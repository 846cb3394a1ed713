using System.Globalization;
using CtiCore.Sip.B2bua;
using CtiCore.Sip.Endpoint;
using CtiCore.Sip.Rtp;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiCore.SipCallBench;

/// <summary>
/// The bench's own child process for the "SIP stack alone" row: CtiCore's SIP endpoint, registrar, digest, B2BUA and
/// RTP relay exactly as the server wires them, but with a fixed route (round robin over the registered agents)
/// instead of the call grains and the CRM. It measures what the SIP layer costs, against Asterisk doing the same
/// Dial, in the same run.
/// </summary>
internal static class B2buaOnlyHost
{
    public const string Flag = "--serve-b2bua";
    public const string ReadyLine = "b2bua ready";

    /// <summary>Arguments: --serve-b2bua PORT RTP_FIRST RTP_LAST AGENTS PASSWORD. Runs until stdin closes.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int Int(int index) => int.Parse(args[index], CultureInfo.InvariantCulture);
        var (port, rtpFirst, rtpLast, agents, password) = (Int(1), Int(2), Int(3), Int(4), args[5]);
        var users = Enumerable.Range(1, agents).Select(AgentPhones.Login).ToArray();
        var endpointOptions = new SipEndpointOptions
        {
            Port = port,
            // The same settings the bench gives the server: sipp answers MD5 only, and every sipp shares one address.
            RateLimitPerSecond = 1_000_000,
            RateLimitBurst = 1_000_000,
        };
        endpointOptions.DigestAlgorithms.Clear();
        endpointOptions.DigestAlgorithms.Add("MD5");
        endpointOptions.Validate();
        var relay = new RtpRelay(new RtpRelayOptions { PortRangeStart = rtpFirst, PortRangeEnd = rtpLast });
        var b2bua = new SipB2bua();
        await using var endpoint = new SipEndpoint(endpointOptions, b2bua, user => users.Contains(user) ? password : null,
            TimeProvider.System, NullLogger<SipEndpoint>.Instance);
        b2bua.Attach(endpoint, new RoundRobinRoute(b2bua, endpoint, users), relay);
        await endpoint.StartAsync();
        Console.WriteLine(ReadyLine);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    /// <summary>Each new call rings the next agent that has a registration; a failed leg ends the call.</summary>
    private sealed class RoundRobinRoute(SipB2bua b2bua, SipEndpoint endpoint, string[] users) : ISipCallController
    {
        private int _next;

        public void Offered(SipB2buaCall bridged)
        {
            for (var tried = 0; tried < users.Length; tried++)
            {
                var user = users[(int)((uint)Interlocked.Increment(ref _next) % (uint)users.Length)];
                var bindings = endpoint.Registrar.GetBindingsForUser(user);
                if (bindings.Count > 0 && b2bua.RouteTo(bridged.Id, user, "SIP/" + user, bindings, TimeSpan.FromSeconds(10)))
                {
                    return;
                }
            }
            b2bua.Hangup(bridged.Id, 480);
        }

        public void LegFailed(SipB2buaCall bridged, SipB2buaLeg leg, int statusCode) => b2bua.Hangup(bridged.Id, statusCode);

        public void TransferRequested(SipB2buaCall bridged, string target) => b2bua.FailTransfer(bridged.Id, 501);

        public void Ringing(SipB2buaCall bridged, SipB2buaLeg leg)
        {
        }

        public void Answered(SipB2buaCall bridged, SipB2buaLeg leg)
        {
        }

        public void TransferRinging(SipB2buaCall bridged, SipB2buaLeg leg)
        {
        }

        public void Transferred(SipB2buaCall bridged, SipB2buaLeg leg)
        {
        }

        public void HoldChanged(SipB2buaCall bridged, bool held)
        {
        }

        public void Ended(SipB2buaCall bridged, SipCallEndReason reason)
        {
        }
    }
}
