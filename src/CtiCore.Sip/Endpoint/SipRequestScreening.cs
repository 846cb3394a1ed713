using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Endpoint;

/// <summary>
/// The UAS checks of RFC 3261 §8.2.1–§8.2.3 in their order, applied after parsing: the typed headers must parse
/// (400), the method must be one we implement (501 when unknown, 405 when known), the Request-URI scheme one we serve (416), no Require we lack
/// (420), a body type we read (415), and for INVITE an Accept we can answer (406). Requests we would forward with
/// Max-Forwards 0 get 483 (§16.3); OPTIONS is answered by us, so it does not.
/// </summary>
public static class SipRequestScreening
{
    public static readonly IReadOnlyList<string> AllowedMethods =
        [SipMethod.Invite, SipMethod.Ack, SipMethod.Bye, SipMethod.Cancel, SipMethod.Options, SipMethod.Register, SipMethod.Refer];

    public const string AllowHeader = "INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, REFER";

    public const string AcceptHeader = "application/sdp";

    /// <summary>The error response, or null when the request may go on.</summary>
    public static SipMessageBuilder? Screen(SipMessage request, string toTag)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            CheckTypedHeaders(request);
        }
        catch (SipRejectedException e)
        {
            return SipMessageBuilder.ResponseTo(request, e.StatusCode, toTag, e.Reason.ToString());
        }

        if (!AllowedMethods.Contains(request.Method))
        {
            // §21.5.2: a method we do not even recognise is 501; one we know but do not serve is 405 with Allow
            // (RFC 4475 §3.1.1.5: "RE%47IST%45R" is such an unknown method).
            return SipMethod.Known(System.Text.Encoding.ASCII.GetBytes(request.Method)) is null
                ? SipMessageBuilder.ResponseTo(request, 501, toTag)
                : SipMessageBuilder.ResponseTo(request, 405, toTag).Add(SipHeaderId.Allow, AllowHeader);
        }

        if (!request.RequestUri.IsSip)
        {
            return SipMessageBuilder.ResponseTo(request, 416, toTag);
        }
        if (request.RequestUri.Headers.Count > 0)
        {
            // §19.1.1 Table 1: headers are not allowed in a Request-URI (RFC 4475 §3.1.2.11).
            return SipMessageBuilder.ResponseTo(request, 400, toTag, "Headers in Request-URI");
        }

        if (request.MaxForwards == 0 && request.Method is not (SipMethod.Options or SipMethod.Register))
        {
            return SipMessageBuilder.ResponseTo(request, 483, toTag);
        }

        if (request.Method is not (SipMethod.Ack or SipMethod.Cancel))
        {
            var required = request.GetHeaderValues(SipHeaderId.Require);
            if (required.Count > 0)
            {
                // §8.2.2.3: we support no extension that a peer may require; list what it asked for.
                return SipMessageBuilder.ResponseTo(request, 420, toTag).Add(SipHeaderId.Unsupported, string.Join(", ", required));
            }
        }

        if (request.Body.Length > 0)
        {
            var type = request.GetHeader(SipHeaderId.ContentType);
            var media = type?.Split(';')[0].Trim();
            if (media is null || !(media.Equals("application/sdp", StringComparison.OrdinalIgnoreCase)
                || media.Equals("multipart/mixed", StringComparison.OrdinalIgnoreCase)))
            {
                return SipMessageBuilder.ResponseTo(request, 415, toTag).Add(SipHeaderId.Accept, AcceptHeader);
            }
        }

        if (request.Method == SipMethod.Invite)
        {
            var accepted = request.GetHeaderValues(SipHeaderId.Accept);
            if (accepted.Count > 0 && !accepted.Any(Accepts))
            {
                return SipMessageBuilder.ResponseTo(request, 406, toTag);
            }
        }
        return null;
    }

    private static bool Accepts(string range)
    {
        var media = range.Split(';')[0].Trim();
        return media is "*/*" || media.Equals("application/*", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/sdp", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads every header whose grammar we rely on, so a malformed one fails here and not deep in a handler.</summary>
    private static void CheckTypedHeaders(SipMessage request)
    {
        _ = request.To;
        _ = request.From;
        _ = request.Vias;
        _ = request.CSeq;
        _ = request.Contacts;
        _ = request.MaxForwards;
        _ = request.Expires;
        _ = request.RequestUri;
        foreach (var route in request.GetHeaderValues(SipHeaderId.RecordRoute))
        {
            _ = SipNameAddress.Parse(route);
        }
        foreach (var route in request.GetHeaderValues(SipHeaderId.Route))
        {
            _ = SipNameAddress.Parse(route);
        }
        var date = request.GetHeader(SipHeaderId.Date);
        // §20.17: SIP-date is RFC 1123 with the zone always "GMT" (RFC 4475 §3.1.2.12).
        if (date is not null && (!date.EndsWith(" GMT", StringComparison.Ordinal) || !DateTimeOffset.TryParse(date[..^4], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out _)))
        {
            throw new SipRejectedException(SipRejectionReason.InvalidHeaderValue, "Date must be an RFC 1123 date in GMT");
        }
    }
}
