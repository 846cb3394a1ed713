using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Registrar;

/// <summary>One contact bound to an address-of-record until <see cref="ExpiresAt"/> (RFC 3261 §10.3).</summary>
public sealed record SipBinding(string AddressOfRecord, SipNameAddress Contact, DateTimeOffset ExpiresAt, string CallId, long CSeq);
