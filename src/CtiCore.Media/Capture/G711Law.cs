namespace CtiCore.Media.Capture;

/// <summary>The two G.711 companding laws, as RTP carries them (RFC 3551: payload type 0 PCMU, 8 PCMA).</summary>
public enum G711Law
{
    MuLaw,
    ALaw,
}
