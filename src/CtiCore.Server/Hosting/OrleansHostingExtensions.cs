using CtiCore.Grains.Hosting;
using CtiCore.Server.Configuration;

namespace CtiCore.Server.Hosting;

/// <summary>
/// The embedded Orleans silo: one silo, localhost clustering, ports from <c>Cti:Orleans</c>.
/// CtiCore's grains keep their state in memory for now; the CRM ports come from CtiCore.Data (AddCtiData).
/// </summary>
internal static class OrleansHostingExtensions
{
    public static WebApplicationBuilder AddCtiOrleans(this WebApplicationBuilder builder)
    {
        var options = EagerOptions.Read(builder.Configuration, OrleansHostOptions.SectionName, new OrleansHostOptionsValidator());
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(
                siloPort: options.SiloPort,
                gatewayPort: options.GatewayPort,
                serviceId: options.ServiceId,
                clusterId: options.ClusterId);
            silo.AddCtiCoreGrains();
        });
        return builder;
    }
}
