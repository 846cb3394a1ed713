namespace CtiCore.Sip.Authentication;

/// <summary>Digest hash algorithms: MD5 (RFC 2617) and SHA-256 (RFC 7616, for SIP RFC 8760).</summary>
public enum SipDigestAlgorithm
{
    Md5,
    Sha256,
}
