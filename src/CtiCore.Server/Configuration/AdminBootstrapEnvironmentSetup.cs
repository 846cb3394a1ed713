using Microsoft.Extensions.Options;

namespace CtiCore.Server.Configuration;

/// <summary>
/// Lets the conventional <c>CTI_ADMIN_USER</c> / <c>CTI_ADMIN_PASSWORD</c> variables fill what configuration left
/// empty; a value under <c>Cti:Admin</c> (appsettings, <c>Cti__Admin__User</c>, command line) wins.
/// </summary>
internal sealed class AdminBootstrapEnvironmentSetup(Microsoft.Extensions.Configuration.IConfiguration configuration)
    : IPostConfigureOptions<AdminBootstrapOptions>
{
    public void PostConfigure(string? name, AdminBootstrapOptions options)
    {
        var section = configuration.GetSection(AdminBootstrapOptions.SectionName);
        if (string.IsNullOrEmpty(section["User"]) && Environment.GetEnvironmentVariable(AdminBootstrapOptions.UserVariable) is { Length: > 0 } user)
        {
            options.User = user;
        }

        if (string.IsNullOrEmpty(section["Password"]) && Environment.GetEnvironmentVariable(AdminBootstrapOptions.PasswordVariable) is { Length: > 0 } password)
        {
            options.Password = password;
        }
    }
}
