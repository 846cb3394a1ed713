using Microsoft.Extensions.Options;

namespace CtiCore.Server.Configuration;

internal static class ConfigurationServiceCollectionExtensions
{
    /// <summary>Binds every CtiCore options section and validates each when the host starts.</summary>
    public static IServiceCollection AddCtiOptions(this IServiceCollection services)
    {
        services.AddValidated<PhoneOptions, PhoneOptionsValidator>(PhoneOptions.SectionName);
        services.AddValidated<AuthOptions, AuthOptionsValidator>(AuthOptions.SectionName);
        services.AddValidated<AdminBootstrapOptions, AdminBootstrapOptionsValidator>(AdminBootstrapOptions.SectionName);
        services.AddValidated<StorageOptions, StorageOptionsValidator>(StorageOptions.SectionName);
        services.AddValidated<OrleansHostOptions, OrleansHostOptionsValidator>(OrleansHostOptions.SectionName);
        services.AddValidated<RealtimeOptions, RealtimeOptionsValidator>(RealtimeOptions.SectionName);
        services.AddSingleton<IPostConfigureOptions<AdminBootstrapOptions>, AdminBootstrapEnvironmentSetup>();
        return services;
    }

    private static void AddValidated<TOptions, TValidator>(this IServiceCollection services, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().BindConfiguration(sectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}
