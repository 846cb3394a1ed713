namespace CtiCore.Sip.Sdp;

/// <summary>A refused SDP body: the reason, the 1-based line it was found on (0 for the whole body) and a short detail.</summary>
public readonly record struct SdpError(SdpParseError Reason, int Line, string Detail)
{
    public override string ToString() => Line > 0 ? $"{Reason} at line {Line}: {Detail}" : $"{Reason}: {Detail}";
}
