using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CtiCore.Server.FunctionalTests.Infrastructure;

/// <summary>
/// A real HTTP receiver on loopback (Kestrel) that records every POST. Per path, it answers the queued status
/// codes in turn, then 200.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _plans = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public int Port { get; private set; }

    public string Url(string path) => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}{path}";

    /// <summary>Answer these status codes, in order, to POSTs on <paramref name="path"/>; 200 after them.</summary>
    public void Answer(string path, params int[] statusCodes) => _plans[path] = new ConcurrentQueue<int>(statusCodes);

    public static async Task<WebhookReceiver> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", (Delegate)receiver.HandleAsync);
        await app.StartAsync();
        receiver.Port = new Uri(app.Urls.First()).Port;
        return receiver;
    }

    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, TimeSpan patience, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(patience);
        while (!done(Received.ToList()))
        {
            await _signal.WaitAsync(timeout.Token);
        }

        return Received.ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _signal.Dispose();
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers;
        Received.Enqueue(new ReceivedWebhook(
            context.Request.Path.Value ?? string.Empty,
            headers["X-CtiCore-Timestamp"].ToString(),
            headers["X-CtiCore-Signature"].ToString(),
            headers["X-CtiCore-Event"].ToString(),
            headers["X-CtiCore-Delivery"].ToString(),
            body));
        _signal.Release();
        var status = _plans.TryGetValue(context.Request.Path.Value ?? string.Empty, out var plan) && plan.TryDequeue(out var planned) ? planned : 200;
        return Results.StatusCode(status);
    }
}

internal sealed record ReceivedWebhook(string Path, string Timestamp, string Signature, string Event, string Delivery, string Body);
