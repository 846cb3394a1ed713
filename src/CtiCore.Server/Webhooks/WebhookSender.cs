using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using CtiCore.Domain.Webhooks;
using CtiCore.Grains.Timing;

namespace CtiCore.Server.Webhooks;

/// <summary>One signed POST. The signature is made per attempt, so its timestamp is the time of sending.</summary>
internal sealed class WebhookSender(IHttpClientFactory clients, [FromKeyedServices(CtiCoreClock.Key)] TimeProvider time)
{
    public const string HttpClientName = "webhooks";
    private const int MaxErrorLength = 500;

    public async Task<WebhookAttempt> SendAsync(WebhookDelivery delivery, WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var timestamp = startedAt.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(subscription.Secret, timestamp, delivery.Payload));
        request.Headers.Add(WebhookSignature.EventHeader, delivery.EventType);
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id.ToString(CultureInfo.InvariantCulture));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("CtiCore-Webhooks", "1"));

        var attempt = new WebhookAttempt { DeliveryId = delivery.Id, Number = delivery.Attempts + 1, StartedAt = startedAt };
        var clock = Stopwatch.GetTimestamp();
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            attempt.StatusCode = (int)response.StatusCode;
            attempt.Error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (HttpRequestException ex)
        {
            // The message names the host and port at most; the URL's path and query (where some CRMs put tokens) are not in it.
            attempt.Error = ex.HttpRequestError + ": " + ex.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            attempt.Error = "Timed out.";
        }

        attempt.DurationMs = (int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(clock).TotalMilliseconds);
        if (attempt.Error?.Length > MaxErrorLength)
        {
            attempt.Error = attempt.Error[..MaxErrorLength];
        }

        return attempt;
    }
}
