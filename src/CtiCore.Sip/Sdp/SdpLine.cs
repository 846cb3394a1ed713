namespace CtiCore.Sip.Sdp;

/// <summary>A line of a type this model does not type (i=, u=, e=, p=, b=, z=, k=, r=...), kept as written.</summary>
public sealed record SdpLine(char Type, string Value)
{
    public override string ToString() => $"{Type}={Value}";
}
