using Microsoft.Extensions.Options;

namespace CtiCore.Server.Configuration;

/// <summary>
/// Reads options that shape service registration itself (ports, folders, keys), so they cannot wait for
/// <c>ValidateOnStart</c>. The same validator runs, and fails the same way, as for the registered options.
/// </summary>
internal static class EagerOptions
{
    public static T Read<T>(IConfiguration configuration, string sectionName, IValidateOptions<T> validator)
        where T : class, new()
    {
        var options = new T();
        configuration.GetSection(sectionName).Bind(options);
        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(T), result.Failures);
        }

        return options;
    }
}
