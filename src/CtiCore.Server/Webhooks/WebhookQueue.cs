using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace CtiCore.Server.Webhooks;

/// <summary>
/// The bounded hand-off from the realtime bridge to the outbox writer. Enqueueing never waits: when the writer
/// falls behind by <see cref="WebhookOptions.QueueCapacity"/> events, new ones are dropped and counted rather than
/// slowing down screen-pops.
/// </summary>
internal sealed partial class WebhookQueue(IOptions<WebhookOptions> options, ILogger<WebhookQueue> logger)
{
    private readonly Channel<WebhookEvent> _events = Channel.CreateBounded<WebhookEvent>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    public ChannelReader<WebhookEvent> Reader => _events.Reader;

    public void Enqueue(WebhookEvent webhookEvent)
    {
        if (!_events.Writer.TryWrite(webhookEvent))
        {
            Interlocked.Increment(ref _dropped);
            LogDropped(logger, webhookEvent.Type, webhookEvent.Call.CallId);
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Webhook queue full: {Type} of call {CallId} dropped")]
    private static partial void LogDropped(ILogger logger, string type, string callId);
}
