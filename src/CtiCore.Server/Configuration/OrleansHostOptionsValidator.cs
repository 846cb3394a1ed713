using Microsoft.Extensions.Options;

namespace CtiCore.Server.Configuration;

internal sealed class OrleansHostOptionsValidator : IValidateOptions<OrleansHostOptions>
{
    public ValidateOptionsResult Validate(string? name, OrleansHostOptions options)
    {
        var section = OrleansHostOptions.SectionName;
        if (options.SiloPort is < 1 or > 65535)
        {
            return ValidateOptionsResult.Fail($"{section}:SiloPort: '{options.SiloPort}' is not a TCP port.");
        }

        if (options.GatewayPort is < 1 or > 65535 || options.GatewayPort == options.SiloPort)
        {
            return ValidateOptionsResult.Fail($"{section}:GatewayPort: '{options.GatewayPort}' is not a TCP port distinct from SiloPort.");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            return ValidateOptionsResult.Fail($"{section}:ClusterId and {section}:ServiceId must not be empty.");
        }

        return ValidateOptionsResult.Success;
    }
}
