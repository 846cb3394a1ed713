using Microsoft.Extensions.Options;

namespace CtiCore.Server.Configuration;

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.DataFolder) || options.DataFolder.IndexOfAny(Path.GetInvalidPathChars()) >= 0
            ? ValidateOptionsResult.Fail($"{StorageOptions.SectionName}:DataFolder: '{options.DataFolder}' is not a folder path.")
            : ValidateOptionsResult.Success;
}
