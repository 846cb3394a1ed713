using CtiCore.Media.Recording;
using CtiCore.Media.Retention;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CtiCore.Media;

/// <summary>Registers the recording pipeline: options (validated at start), the journal store, and the hosted encoder.</summary>
public static class RecordingServiceCollectionExtensions
{
    public static IServiceCollection AddCtiCoreRecording(this IServiceCollection services)
    {
        services.AddOptions<RecordingOptions>().BindConfiguration(RecordingOptions.SectionName).ValidateOnStart();
        services.AddOptions<RetentionPolicy>().BindConfiguration(RetentionPolicy.SectionName)
            .Validate(p => p.DefaultDays >= 0 && p.DepartmentDays.Values.All(d => d >= 0), "Retention days cannot be negative.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecordingOptions>, RecordingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new RecordingStorageLayout(sp.GetRequiredService<IOptions<RecordingOptions>>().Value.Root));
        services.TryAddSingleton<IRecordingJobStore>(sp => new FileRecordingJobStore(
            sp.GetRequiredService<IOptions<RecordingOptions>>().Value.Root,
            sp.GetRequiredService<ILogger<FileRecordingJobStore>>()));
        services.TryAddSingleton(sp => new RecordingJobProcessor(
            sp.GetRequiredService<RecordingStorageLayout>(),
            sp.GetRequiredService<IRecordingJobStore>(),
            sp.GetRequiredService<IOptions<RecordingOptions>>().Value.ToEncodingSettings(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<RecordingJobProcessor>>(),
            sp.GetService<IRecordingProgress>()));
        services.TryAddSingleton<RecordingEncoder>();
        services.AddHostedService(sp => sp.GetRequiredService<RecordingEncoder>());
        services.TryAddSingleton<RetentionExecutor>();
        return services;
    }
}
