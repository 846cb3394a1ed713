using System.Globalization;
using CtiCore.Server.Configuration;
using Serilog;
using Serilog.Events;

namespace CtiCore.Server.Hosting;

/// <summary>Serilog lives here and only here: console plus a daily rolling file under the data folder.</summary>
internal static class LoggingHostingExtensions
{
    public static WebApplicationBuilder AddCtiLogging(this WebApplicationBuilder builder, DataFolder dataFolder)
    {
        var logFile = dataFolder.Combine(Path.Combine("logs", "cticore-.log"));
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            // Orleans prints every option at Information; ASP.NET's own request lines would duplicate (and carry
            // unscrubbed query strings) what UseSerilogRequestLogging writes.
            .MinimumLevel.Override("Orleans", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            // A configuration mistake is reported as one line on stderr by ServerProgram; the host's own
            // "Hosting failed to start" event would add its stack trace to the console.
            .Filter.ByExcluding(e => StartupFailure.IsConfigurationError(e.Exception))
            .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture)
            .WriteTo.File(
                logFile,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                fileSizeLimitBytes: 50 * 1024 * 1024,
                rollOnFileSizeLimit: true,
                formatProvider: CultureInfo.InvariantCulture));
        return builder;
    }
}
