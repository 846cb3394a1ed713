using CtiCore.Domain.Ports;
using CtiCore.Domain.Telephony;
using CtiCore.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace CtiCore.GrainBenchmarks;

public sealed class BenchmarkSiloConfigurator : ISiloConfigurator
{
    /// <summary>Set by the benchmark before the silo starts; the configurator is created by Orleans.</summary>
    internal static BenchmarkCrm? Crm { get; set; }

    public void Configure(ISiloBuilder siloBuilder)
    {
        var crm = Crm ?? throw new InvalidOperationException("Set BenchmarkSiloConfigurator.Crm first.");
        siloBuilder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        siloBuilder.Services.AddSingleton<ICallerDirectory>(crm);
        siloBuilder.Services.AddSingleton<IAgentDirectory>(crm);
        siloBuilder.Services.AddSingleton<ICallJournal>(crm);
        siloBuilder.Services.AddSingleton<ITelephonyCommandSink>(crm);
        siloBuilder.AddCtiCoreGrains();
    }
}
