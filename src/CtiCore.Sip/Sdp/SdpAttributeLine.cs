namespace CtiCore.Sip.Sdp;

/// <summary>An a= line this model does not type (RFC 4566 §5.13): kept as written so it can be passed on.</summary>
public sealed record SdpAttributeLine(string Name, string? Value)
{
    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";
}
