using System.Net;

namespace CtiCore.Sip.Sdp;

/// <summary>
/// RFC 3264 offer/answer for a media-anchoring B2BUA that relays G.711 without transcoding. The first RTP audio
/// section with a port and an acceptable codec is the relayed stream; every other section is kept in place with port 0
/// (rejected, §6), so both legs' m= lines stay index-aligned. Payload type numbers are passed through unchanged.
/// </summary>
public static class SdpOfferAnswer
{
    /// <summary>
    /// The answer to <paramref name="offer"/>: the relayed stream restricted to <see cref="SdpAnswerOptions.Codecs"/>
    /// (in the offer's order) plus telephone-event, its direction mirrored (§6.1), c=/m= rewritten to the anchor.
    /// </summary>
    public static SdpNegotiation CreateAnswer(SdpSessionDescription offer, SdpAnswerOptions options)
        => Negotiate(offer, options, mirrorDirection: true);

    /// <summary>
    /// The offer to send on the other leg, built from the offer received on this one: same filter and anchoring, the
    /// direction kept as offered (a hold offer stays a hold offer).
    /// </summary>
    public static SdpNegotiation CreateRelayedOffer(SdpSessionDescription offer, SdpAnswerOptions options)
        => Negotiate(offer, options, mirrorDirection: false);

    /// <summary>The relayed audio stream an SDP (offer or answer) describes, restricted to PCMU/PCMA and telephone-event.</summary>
    public static SdpAudioMedia? FindAudio(SdpSessionDescription description, IReadOnlyList<SdpRtpMap>? codecs = null)
    {
        ArgumentNullException.ThrowIfNull(description);
        codecs ??= [SdpRtpMap.Pcmu, SdpRtpMap.Pcma];
        for (var i = 0; i < description.Media.Count; i++)
        {
            var media = description.Media[i];
            if (!media.IsRtpAudio || media.Port == 0)
            {
                continue;
            }

            var accepted = AcceptedCodecs(media, codecs);
            if (accepted.Count > 0)
            {
                return Describe(description, media, i, accepted, TelephoneEventOf(media));
            }
        }

        return null;
    }

    /// <summary>True when the SDP puts its relayed audio stream on hold (RFC 3264 §8.4), as a re-INVITE does.</summary>
    public static bool IsHold(SdpSessionDescription description) => FindAudio(description)?.IsHold ?? false;

    private static SdpNegotiation Negotiate(SdpSessionDescription offer, SdpAnswerOptions options, bool mirrorDirection)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(options);
        var remote = FindAudio(offer, options.Codecs);
        if (remote is null)
        {
            return SdpNegotiation.Fail(offer.Media.Any(m => m.IsRtpAudio && m.Port != 0)
                ? "no offered audio stream carries PCMU or PCMA"
                : "the offer has no active RTP audio stream");
        }

        if (!options.TelephoneEvents)
        {
            remote = remote with { TelephoneEvent = null };
        }

        var media = new List<SdpMediaDescription>(offer.Media.Count);
        for (var i = 0; i < offer.Media.Count; i++)
        {
            var offered = offer.Media[i];
            media.Add(i == remote.MediaIndex
                ? Anchored(offered, remote, options.Anchor.Port, mirrorDirection ? remote.Direction.Mirror() : remote.Direction)
                : Rejected(offered));
        }

        var description = new SdpSessionDescription
        {
            Origin = options.Origin,
            SessionName = options.SessionName,
            Connection = SdpConnection.For(options.Anchor.Address),
            Timing = ["0 0"],
            Media = media,
        };
        return new SdpNegotiation { Description = description, RemoteAudio = remote };
    }

    private static SdpMediaDescription Anchored(SdpMediaDescription offered, SdpAudioMedia remote, int port, SdpDirection direction)
    {
        var maps = new List<SdpRtpMap>(remote.Codecs);
        var fmtps = new Dictionary<int, string>();
        if (remote.TelephoneEvent is { } events)
        {
            maps.Add(events);
            if (offered.Fmtps.TryGetValue(events.PayloadType, out var parameters))
            {
                fmtps[events.PayloadType] = parameters;
            }
        }

        return new SdpMediaDescription
        {
            Media = offered.Media,
            Port = port,
            Protocol = offered.Protocol,
            Formats = [.. maps.Select(m => m.PayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            RtpMaps = maps,
            Fmtps = fmtps,
            Ptime = offered.Ptime,
            Direction = direction,
        };
    }

    private static SdpMediaDescription Rejected(SdpMediaDescription offered) => new()
    {
        Media = offered.Media,
        Port = 0,
        Protocol = offered.Protocol,
        Formats = offered.Formats.Count > 0 ? offered.Formats : ["0"],
    };

    private static List<SdpRtpMap> AcceptedCodecs(SdpMediaDescription media, IReadOnlyList<SdpRtpMap> codecs)
    {
        var accepted = new List<SdpRtpMap>(2);
        foreach (var pt in media.PayloadTypes())
        {
            var map = media.RtpMapFor(pt);
            if (map is not null && codecs.Any(c => map.IsEncoding(c.EncodingName, c.ClockRate)) && !accepted.Any(a => a.PayloadType == pt))
            {
                accepted.Add(map);
            }
        }

        return accepted;
    }

    private static SdpRtpMap? TelephoneEventOf(SdpMediaDescription media)
    {
        foreach (var pt in media.PayloadTypes())
        {
            var map = media.RtpMapFor(pt);
            if (map is not null && map.IsEncoding("telephone-event", 8000))
            {
                return map;
            }
        }

        return null;
    }

    private static SdpAudioMedia Describe(SdpSessionDescription description, SdpMediaDescription media, int index, List<SdpRtpMap> codecs, SdpRtpMap? events)
    {
        var connection = description.ConnectionFor(media);
        var direction = description.DirectionFor(media);
        var heldByAddress = connection?.IsHoldAddress ?? false;
        var address = heldByAddress ? null : connection?.TryGetIPAddress();
        IPEndPoint? rtcp = null;
        if (address is not null)
        {
            var rtcpAddress = media.RtcpConnection?.TryGetIPAddress() ?? address;
            rtcp = new IPEndPoint(rtcpAddress, media.RtcpPort ?? Math.Min(media.Port + 1, IPEndPoint.MaxPort));
        }

        return new SdpAudioMedia
        {
            MediaIndex = index,
            RtpEndPoint = address is null ? null : new IPEndPoint(address, media.Port),
            RtcpEndPoint = rtcp,
            Codecs = codecs,
            TelephoneEvent = events,
            Direction = direction,
            Ptime = media.Ptime,
            IsHold = heldByAddress || direction is SdpDirection.SendOnly or SdpDirection.Inactive,
        };
    }
}
