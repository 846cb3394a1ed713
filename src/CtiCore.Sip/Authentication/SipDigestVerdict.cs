namespace CtiCore.Sip.Authentication;

/// <summary>The outcome of checking a request's digest credentials.</summary>
public enum SipDigestVerdict
{
    /// <summary>The credentials prove the password.</summary>
    Valid,
    /// <summary>No Digest credentials for our realm: challenge.</summary>
    Missing,
    /// <summary>Wrong password, unknown user, foreign nonce or malformed credentials: challenge again (or 403).</summary>
    Invalid,
    /// <summary>The response was right but the nonce has expired: challenge with stale=true (RFC 2617 §3.2.1).</summary>
    Stale,
}
