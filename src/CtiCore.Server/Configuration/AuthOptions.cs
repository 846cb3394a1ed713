namespace CtiCore.Server.Configuration;

/// <summary>Authentication settings (section <c>Cti:Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Cti:Auth";

    /// <summary>
    /// Base64 key (at least 32 bytes) that signs access tokens. When empty, a key is generated once and kept in
    /// <c>jwt-signing.key</c> under the data folder, so tokens survive restarts.
    /// </summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "cticore";

    public string Audience { get; set; } = "cticore";

    /// <summary>Lifetime of a bearer access token, 1..1440 minutes. Default 60.</summary>
    public int AccessTokenMinutes { get; set; } = 60;

    /// <summary>Sliding lifetime of the browser cookie, 1..720 hours. Default 12.</summary>
    public int CookieHours { get; set; } = 12;

    /// <summary>Login and token requests allowed per client address per minute (password guessing brake). Default 10.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;

    public override string ToString() =>
        $"Issuer={Issuer}, Audience={Audience}, AccessTokenMinutes={AccessTokenMinutes}, CookieHours={CookieHours}, LoginAttemptsPerMinute={LoginAttemptsPerMinute}, SigningKey={(string.IsNullOrEmpty(SigningKey) ? "(generated)" : "***")}";
}
