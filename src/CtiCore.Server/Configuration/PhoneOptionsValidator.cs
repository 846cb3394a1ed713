using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace CtiCore.Server.Configuration;

internal sealed class PhoneOptionsValidator : IValidateOptions<PhoneOptions>
{
    public ValidateOptionsResult Validate(string? name, PhoneOptions options)
    {
        var region = options.DefaultRegion?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(region) || !PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(region))
        {
            return ValidateOptionsResult.Fail(
                $"{PhoneOptions.SectionName}:DefaultRegion: '{options.DefaultRegion}' is not a region libphonenumber knows (use an ISO 3166 code such as RU).");
        }

        return ValidateOptionsResult.Success;
    }
}
