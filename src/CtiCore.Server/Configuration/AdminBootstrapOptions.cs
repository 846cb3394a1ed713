namespace CtiCore.Server.Configuration;

/// <summary>
/// The first administrator (section <c>Cti:Admin</c>, or the environment variables <c>CTI_ADMIN_USER</c> /
/// <c>CTI_ADMIN_PASSWORD</c>). Used only while the database has no active administrator.
/// </summary>
public sealed class AdminBootstrapOptions
{
    public const string SectionName = "Cti:Admin";
    public const string UserVariable = "CTI_ADMIN_USER";
    public const string PasswordVariable = "CTI_ADMIN_PASSWORD";
    public const int MinimumPasswordLength = 8;

    /// <summary>Login of the first administrator. Default "admin".</summary>
    public string User { get; set; } = "admin";

    /// <summary>When empty on first start a random password is generated and printed once to the console.</summary>
    public string? Password { get; set; }

    public override string ToString() => $"User={User}, Password={(string.IsNullOrEmpty(Password) ? "(generated)" : "***")}";
}
