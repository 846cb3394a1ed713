using CtiCore.Abstractions.Telephony;
using CtiCore.Domain.Telephony;
using CtiCore.Grains.Telephony;
using CtiCore.Grains.Timing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace CtiCore.Grains.Hosting;

public static class CtiCoreGrainsSiloBuilderExtensions
{
    /// <summary>
    /// Adds CtiCore's grains to a silo: options ("CtiCore:Grains"), the CtiCore clock, the event dispatcher and a
    /// placeholder command sink (a PBX adapter registers its own <see cref="ITelephonyCommandSink"/> first).
    /// The CRM ports (<c>ICallerDirectory</c>, <c>IAgentDirectory</c>, <c>ICallJournal</c>) come from CtiCore.Data
    /// (<c>AddCtiCoreCrmPorts</c>) or a test. With <paramref name="addMemoryStorage"/> the grain state lives in
    /// memory under <see cref="CtiCoreGrainStorage.Name"/>; pass false when the host registers a durable provider
    /// under that name.
    /// </summary>
    public static ISiloBuilder AddCtiCoreGrains(this ISiloBuilder builder, bool addMemoryStorage = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (addMemoryStorage)
        {
            builder.AddMemoryGrainStorage(CtiCoreGrainStorage.Name);

            // Every state type carries [GenerateSerializer]: the Orleans binary codec copies a call's state several
            // times faster than the JSON default, and a call writes its state at each step.
            builder.Services.AddOptions<MemoryGrainStorageOptions>(CtiCoreGrainStorage.Name)
                .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        }

        builder.Services.AddCtiCoreGrainServices();
        return builder;
    }

    /// <summary>The services of <see cref="AddCtiCoreGrains"/> without the storage; registered with TryAdd, so a host may replace any.</summary>
    public static IServiceCollection AddCtiCoreGrainServices(this IServiceCollection services)
    {
        services.AddOptions<CtiCoreGrainsOptions>()
            .BindConfiguration(CtiCoreGrainsOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.DefaultRegion) && o.DefaultRegion.Trim().Length == 2, "CtiCore:Grains:DefaultRegion must be an ISO 3166 two-letter region such as RU.")
            .Validate(o => o.CallerCacheSeconds >= 0, "CtiCore:Grains:CallerCacheSeconds must not be negative.")
            .Validate(o => o.MaxOverflowHops >= 0, "CtiCore:Grains:MaxOverflowHops must not be negative.")
            .Validate(o => o.JournalRetrySeconds > 0, "CtiCore:Grains:JournalRetrySeconds must be positive.")
            .Validate(o => o.DirectoryRefreshSeconds > 0, "CtiCore:Grains:DirectoryRefreshSeconds must be positive.")
            .ValidateOnStart();
        services.TryAddKeyedSingleton(CtiCoreClock.Key, TimeProvider.System);
        services.TryAddSingleton<ITelephonyCommandSink, UnconnectedTelephonyCommandSink>();
        services.TryAddSingleton<TelephonyEventDispatcher>();
        services.TryAddSingleton<Calls.DepartmentNumberCache>();
        services.TryAddSingleton<ITelephonyEventSink>(sp => sp.GetRequiredService<TelephonyEventDispatcher>());
        return services;
    }
}
