namespace CtiCore.Sip.Sdp;

/// <summary>Names and the offer/answer mirror of <see cref="SdpDirection"/>.</summary>
public static class SdpDirections
{
    public static string ToAttributeName(this SdpDirection direction) => direction switch
    {
        SdpDirection.SendOnly => "sendonly",
        SdpDirection.RecvOnly => "recvonly",
        SdpDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    public static bool TryParse(ReadOnlySpan<char> name, out SdpDirection direction)
    {
        direction = name switch
        {
            "sendrecv" => SdpDirection.SendRecv,
            "sendonly" => SdpDirection.SendOnly,
            "recvonly" => SdpDirection.RecvOnly,
            "inactive" => SdpDirection.Inactive,
            _ => (SdpDirection)(-1),
        };
        return direction >= 0;
    }

    /// <summary>RFC 3264 §6.1: an offered sendonly stream is answered recvonly and vice versa; inactive stays inactive.</summary>
    public static SdpDirection Mirror(this SdpDirection offered) => offered switch
    {
        SdpDirection.SendOnly => SdpDirection.RecvOnly,
        SdpDirection.RecvOnly => SdpDirection.SendOnly,
        _ => offered,
    };
}
