using CtiCore.Sip.Messages;
using CtiCore.Sip.Transport;

namespace CtiCore.Sip.Registrar;

/// <summary>
/// One contact bound to an address-of-record until <see cref="ExpiresAt"/> (RFC 3261 §10.3). <see cref="Source"/> is
/// where the REGISTER came from: over TCP, its connection is the phone's flow, which requests to the phone reuse
/// while it stays open (the idea of RFC 5626 §5.3, without its Path/instance-id machinery).
/// </summary>
public sealed record SipBinding(string AddressOfRecord, SipNameAddress Contact, DateTimeOffset ExpiresAt, string CallId, long CSeq, SipRemote? Source = null);
