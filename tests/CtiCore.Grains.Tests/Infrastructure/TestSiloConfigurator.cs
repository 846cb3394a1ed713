using CtiCore.Domain.Telephony;
using CtiCore.Grains.Hosting;
using CtiCore.Grains.Timing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace CtiCore.Grains.Tests.Infrastructure;

public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var world = TestWorld.Get(siloBuilder.Configuration[TestWorld.ConfigurationKey]!);
        siloBuilder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));

        // Registered before AddCtiCoreGrains, whose TryAdd then keeps these.
        siloBuilder.Services.AddKeyedSingleton<TimeProvider>(CtiCoreClock.Key, world.Time);
        siloBuilder.Services.AddSingleton<ITelephonyCommandSink>(world.Commands);
        world.Register(siloBuilder.Services);
        siloBuilder.AddCtiCoreGrains();
    }
}
