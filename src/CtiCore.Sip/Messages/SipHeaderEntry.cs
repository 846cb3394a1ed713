namespace CtiCore.Sip.Messages;

/// <summary>Where one header line lives in the message's bytes. Nothing is copied until the value is asked for.</summary>
internal readonly record struct SipHeaderEntry(SipHeaderId Id, int NameStart, int NameLength, int ValueStart, int ValueLength, bool Folded);
