using System.Text.RegularExpressions;
using Serilog;

namespace CtiCore.Server.Hosting;

/// <summary>
/// One log line per request. Browsers cannot set headers on WebSocket/SSE requests, so SignalR sends the bearer
/// token as <c>?access_token=</c>; its value is replaced before the query string reaches any log. Phone numbers
/// and search terms (CRM data: names, TINs) are redacted the same way.
/// </summary>
internal static partial class RequestLogging
{
    public static IApplicationBuilder UseCtiRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath}{QueryString} responded {StatusCode} in {Elapsed:0.0} ms";
            options.EnrichDiagnosticContext = (context, http) =>
                context.Set("QueryString", ScrubQuery(http.Request.QueryString.Value));
        });

    public static string ScrubQuery(string? query) =>
        string.IsNullOrEmpty(query) ? string.Empty : SecretParameter().Replace(query, "$1=***");

    [GeneratedRegex("(access_token|token|password|phone|search)=[^&]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretParameter();
}
