using CtiCore.Abstractions.Telephony;
using CtiCore.Asterisk.Ami;
using CtiCore.Asterisk.Protocol;
using CtiCore.Domain.Telephony;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CtiCore.Telephony.Asterisk;

/// <summary>
/// Owns the AMI client's life: connects (the client reconnects with backoff by itself), reads its ordered event
/// stream through the translator into the grains, and turns each resync snapshot (after a reconnect or an overflow)
/// into events, so calls in progress are announced again under their old ids and vanished calls end.
/// </summary>
public sealed partial class AsteriskTelephonyService(
    AmiClient ami,
    AmiCallTranslator translator,
    ITelephonyEventSink events,
    ILogger<AsteriskTelephonyService> logger) : BackgroundService
{
    // The translator is single-threaded; the resync handler runs on the client's connection task.
    private readonly SemaphoreSlim _translatorLock = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ami.ResyncHandler = async (snapshot, cancellationToken) =>
        {
            IReadOnlyList<TelephonyEvent> resynced;
            await _translatorLock.WaitAsync(cancellationToken);
            try
            {
                resynced = translator.Resync(snapshot);
            }
            finally
            {
                _translatorLock.Release();
            }

            LogResync(logger, snapshot.Channels.Count, resynced.Count);
            await PublishAsync(resynced, cancellationToken);
        };

        try
        {
            await ami.StartAsync(stoppingToken);
            await foreach (var packet in ami.Events.ReadAllAsync(stoppingToken))
            {
                await TranslateAsync(packet, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TranslateAsync(AmiPacket packet, CancellationToken cancellationToken)
    {
        IReadOnlyList<TelephonyEvent> translated;
        await _translatorLock.WaitAsync(cancellationToken);
        try
        {
            translated = translator.Translate(packet);
        }
        finally
        {
            _translatorLock.Release();
        }

        LogTranslated(logger, packet.EventName, packet["Uniqueid"], translated.Count);
        await PublishAsync(translated, cancellationToken);
    }

    private async Task PublishAsync(IReadOnlyList<TelephonyEvent> batch, CancellationToken cancellationToken)
    {
        foreach (var telephonyEvent in batch)
        {
            try
            {
                await events.PublishAsync(telephonyEvent, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One event the grains could not take must not stop the stream: the next ones still matter.
                LogPublishFailed(logger, telephonyEvent.GetType().Name, exception);
            }
        }
    }

    public override void Dispose()
    {
        _translatorLock.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AMI resync: {Channels} channels, {Events} events announced")]
    private static partial void LogResync(ILogger logger, int channels, int events);

    [LoggerMessage(Level = LogLevel.Trace, Message = "AMI {AmiEvent} of channel {UniqueId}: {Count} telephony events")]
    private static partial void LogTranslated(ILogger logger, string? amiEvent, string? uniqueId, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telephony event {Event} could not be delivered")]
    private static partial void LogPublishFailed(ILogger logger, string @event, Exception exception);
}
