using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CtiCore.Asterisk.Ami;

public static class AmiServiceCollectionExtensions
{
    /// <summary>Binds <see cref="AmiOptions"/> from configuration, validates it on start, and registers one <see cref="AmiClient"/>.</summary>
    public static IServiceCollection AddAmiClient(this IServiceCollection services, string configSectionPath = AmiOptions.SectionName)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AmiOptions>().BindConfiguration(configSectionPath).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AmiOptions>, AmiOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AmiClient>();
        return services;
    }
}
