namespace CtiCore.Sip.Registrar;

/// <summary>Registration intervals (RFC 3261 §10.2.1.1, §10.3 step 7). Defaults: 60 s minimum, 3600 s default and maximum.</summary>
public sealed class SipRegistrarOptions
{
    public int MinExpiresSeconds { get; set; } = 60;

    public int DefaultExpiresSeconds { get; set; } = 3600;

    public int MaxExpiresSeconds { get; set; } = 3600;

    public override string ToString() => $"min={MinExpiresSeconds}s, default={DefaultExpiresSeconds}s, max={MaxExpiresSeconds}s";
}
