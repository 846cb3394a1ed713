using Microsoft.Extensions.Options;

namespace CtiCore.Server.Webhooks;

/// <summary>Outgoing webhooks: the bounded queue, the outbox writer, the dispatcher and its HTTP client.</summary>
internal static class WebhookHostingExtensions
{
    public static WebApplicationBuilder AddCtiWebhooks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddSingleton<WebhookQueue>();
        services.AddSingleton<WebhookSubscriptionCache>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService<WebhookOutbox>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());

        // No redirects: a receiver must not bounce a signed body to another address. No request logging by the
        // factory: subscription URLs may carry a CRM's token in their path (Bitrix24 inbound hooks do).
        services.AddHttpClient(WebhookSender.HttpClientName)
            .RemoveAllLoggers()
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        return builder;
    }
}
