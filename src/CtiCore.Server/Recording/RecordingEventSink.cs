using CtiCore.Abstractions.Telephony;
using CtiCore.Domain.Telephony;

namespace CtiCore.Server.Recording;

/// <summary>
/// Wraps the event sink the PBX adapters publish to: the recording tracker sees the recording and hang-up events
/// first (even one the grains then reject), then the grains get every event. A tracker failure is logged and never reaches the adapter: a full
/// recordings disk must not disturb call handling.
/// </summary>
internal sealed partial class RecordingEventSink(ITelephonyEventSink inner, RecordingSessionTracker tracker, ILogger<RecordingEventSink> logger)
    : ITelephonyEventSink
{
    public async Task PublishAsync(TelephonyEvent telephonyEvent, CancellationToken cancellationToken)
    {
        try
        {
            await tracker.ObserveAsync(telephonyEvent, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // see the class comment
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogTrackerFailed(telephonyEvent.GetType().Name, ex);
        }

        await inner.PublishAsync(telephonyEvent, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 6105, Level = LogLevel.Error, Message = "Recording tracker failed on {EventType}")]
    private partial void LogTrackerFailed(string eventType, Exception exception);
}
