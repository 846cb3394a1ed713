using System.Collections.Concurrent;
using System.Globalization;
using CtiCore.Sip.Messages;
using CtiCore.Sip.Transport;

namespace CtiCore.Sip.Registrar;

/// <summary>
/// The registrar of RFC 3261 §10.3, steps 5–8 (authentication, steps 1–4, is the endpoint's): bindings keyed by the
/// To address-of-record, expiry from the contact's expires parameter or the Expires header or the default,
/// 423 below the minimum, "Contact: *" with Expires: 0 to remove all, and Call-ID/CSeq ordering.
/// </summary>
public sealed class SipRegistrar
{
    private readonly ConcurrentDictionary<string, List<SipBinding>> _bindings = new(StringComparer.Ordinal);
    private readonly SipRegistrarOptions _options;
    private readonly TimeProvider _timeProvider;

    public SipRegistrar(SipRegistrarOptions options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>The live bindings of an address-of-record; expired ones are dropped as they are met.</summary>
    public IReadOnlyList<SipBinding> GetBindings(string addressOfRecord)
    {
        if (!_bindings.TryGetValue(addressOfRecord, out var list))
        {
            return [];
        }
        lock (list)
        {
            var now = _timeProvider.GetUtcNow();
            list.RemoveAll(b => b.ExpiresAt <= now);
            return [.. list];
        }
    }

    /// <summary>
    /// The live bindings of every address-of-record whose user part is <paramref name="user"/>, whatever host the phone
    /// put after the @ (127.0.0.1, the realm, a name): the built-in PBX is the only domain it serves.
    /// </summary>
    public IReadOnlyList<SipBinding> GetBindingsForUser(string user)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        var found = new List<SipBinding>();
        foreach (var aor in _bindings.Keys)
        {
            var at = aor.LastIndexOf('@');
            var colon = aor.IndexOf(':', StringComparison.Ordinal);
            if (at > colon && aor.AsSpan(colon + 1, at - colon - 1).SequenceEqual(user))
            {
                found.AddRange(GetBindings(aor));
            }
        }
        return found;
    }

    /// <summary>Applies a REGISTER and returns the response to send.</summary>
    /// <param name="source">Where the REGISTER came from, kept with its bindings (a TCP registration's connection).</param>
    public SipMessageBuilder Register(SipMessage request, string toTag, SipRemote? source = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var aor = request.To.Uri!.AddressOfRecord;
        var contacts = request.Contacts;
        var headerExpires = request.Expires;
        var now = _timeProvider.GetUtcNow();
        var list = _bindings.GetOrAdd(aor, _ => []);
        lock (list)
        {
            list.RemoveAll(b => b.ExpiresAt <= now);
            if (contacts.Any(c => c.IsWildcard))
            {
                // §10.3 step 6: "*" only alone and only with Expires: 0.
                if (contacts.Count != 1 || headerExpires != 0)
                {
                    return SipMessageBuilder.ResponseTo(request, 400, toTag, "Wildcard Contact needs Expires: 0 and no other Contact");
                }
                if (list.Any(b => b.CallId == request.CallId && b.CSeq >= request.CSeq.Number))
                {
                    return SipMessageBuilder.ResponseTo(request, 500, toTag, "Out of order REGISTER");
                }
                list.Clear();
                return Ok(request, toTag, list, now);
            }

            var changes = new List<(SipNameAddress Contact, long Expires)>(contacts.Count);
            foreach (var contact in contacts)
            {
                var expires = ContactExpires(contact, headerExpires);
                // §10.3 step 7: a non-zero interval below the minimum is refused with 423 and Min-Expires.
                if (expires != 0 && expires < _options.MinExpiresSeconds)
                {
                    return SipMessageBuilder.ResponseTo(request, 423, toTag)
                        .Add(SipHeaderId.MinExpires, _options.MinExpiresSeconds.ToString(CultureInfo.InvariantCulture));
                }
                changes.Add((contact, Math.Min(expires, _options.MaxExpiresSeconds)));
            }

            foreach (var (contact, expires) in changes)
            {
                var key = contact.Uri!.Text;
                var existing = list.FindIndex(b => string.Equals(b.Contact.Uri!.Text, key, StringComparison.OrdinalIgnoreCase));
                if (existing >= 0)
                {
                    var binding = list[existing];
                    // §10.3 step 7: same Call-ID with a CSeq not above the stored one must not update the binding.
                    if (binding.CallId == request.CallId && request.CSeq.Number <= binding.CSeq)
                    {
                        return SipMessageBuilder.ResponseTo(request, 500, toTag, "Out of order REGISTER");
                    }
                    list.RemoveAt(existing);
                }
                if (expires > 0)
                {
                    list.Add(new SipBinding(aor, contact, now.AddSeconds(expires), request.CallId, request.CSeq.Number, source));
                }
            }
            return Ok(request, toTag, list, now);
        }
    }

    private long ContactExpires(SipNameAddress contact, long? headerExpires)
    {
        var parameter = contact.Parameters.Get("expires");
        if (parameter is not null)
        {
            return SipHeaderReader.ParseDeltaSeconds(parameter)
                ?? throw new SipRejectedException(SipRejectionReason.InvalidHeaderValue, "Contact expires must be delta-seconds");
        }
        return headerExpires ?? _options.DefaultExpiresSeconds;
    }

    /// <summary>§10.3 step 8: 200 OK listing every current binding with its remaining time.</summary>
    private static SipMessageBuilder Ok(SipMessage request, string toTag, List<SipBinding> list, DateTimeOffset now)
    {
        var response = SipMessageBuilder.ResponseTo(request, 200, toTag);
        foreach (var binding in list)
        {
            var remaining = (long)Math.Ceiling((binding.ExpiresAt - now).TotalSeconds);
            response.Add(SipHeaderId.Contact, binding.Contact.WithParameter("expires", remaining.ToString(CultureInfo.InvariantCulture)).ToString());
        }
        return response;
    }
}
