namespace CtiCore.Server.Hosting;

/// <summary>Listens on 127.0.0.1:5000 unless ASPNETCORE_URLS, --urls or Kestrel endpoints say otherwise.</summary>
internal static class ListenAddress
{
    public const string Default = "http://127.0.0.1:5000";

    public static WebApplicationBuilder UseDefaultListenAddress(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var chosen = !string.IsNullOrEmpty(configuration["urls"])
            || !string.IsNullOrEmpty(configuration["http_ports"])
            || !string.IsNullOrEmpty(configuration["https_ports"])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (!chosen)
        {
            builder.WebHost.UseUrls(Default);
        }

        return builder;
    }
}
