using System.Globalization;
using CtiCore.Server.Realtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CtiCore.RealtimeBench;

/// <summary>The real server (ServerApplication.Build via Program) on Kestrel, with the JSON hub protocol wrapped to time pops.</summary>
internal sealed class BenchServer(string dataFolder, int port) : WebApplicationFactory<Program>
{
    public int Port => port;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseContentRoot(ServerContentRoot());
        var settings = new Dictionary<string, string>
        {
            ["Cti:DataFolder"] = dataFolder,
            ["Cti:Orleans:SiloPort"] = FreePortString(),
            ["Cti:Orleans:GatewayPort"] = FreePortString(),
            ["Cti:Admin:User"] = "root",
            ["Cti:Admin:Password"] = "Bench-Passw0rd!",
            ["Cti:Realtime:InvocationsPerSecond"] = "1000",
            ["Serilog:MinimumLevel:Default"] = "Warning",

            // The bench's agents have no phones: the built-in PBX would only bind a SIP port and log one warning per
            // call. The CTI path is measured up to the pop, with the PBX command logged (as before it was merged).
            ["Cti:Sip:Enabled"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IHubProtocol>();
            services.AddSingleton<IHubProtocol>(sp => new TimingHubProtocol(new JsonHubProtocol(sp.GetRequiredService<IOptions<JsonHubProtocolOptions>>())));
        });
        _ = typeof(AgentHub);
    }

    /// <summary>src/CtiCore.Server of this checkout (wwwroot, appsettings.json), found above the tool's binaries.</summary>
    private static string ServerContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CtiCore.sln")))
            {
                return Path.Combine(dir.FullName, "src", "CtiCore.Server");
            }
        }

        throw new InvalidOperationException("CtiCore.sln not found above " + AppContext.BaseDirectory);
    }

    private static string FreePortString()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
