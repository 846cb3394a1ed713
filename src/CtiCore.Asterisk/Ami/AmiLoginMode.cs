namespace CtiCore.Asterisk.Ami;

/// <summary>How the client proves its secret to Asterisk.</summary>
public enum AmiLoginMode
{
    /// <summary>Challenge (AuthType MD5), then Login with Key = md5(challenge + secret): the secret never crosses the wire.</summary>
    Md5Challenge,

    /// <summary>Login with the secret in clear text. Only acceptable on loopback.</summary>
    Plain,
}
