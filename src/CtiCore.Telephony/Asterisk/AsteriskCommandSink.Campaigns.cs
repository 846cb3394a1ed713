using System.Globalization;
using CtiCore.Abstractions.Campaigns;
using CtiCore.Asterisk.Ami;
using CtiCore.Asterisk.Protocol;
using CtiCore.Asterisk.Protocol.Actions;
using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Telephony;

namespace CtiCore.Telephony.Asterisk;

/// <summary>
/// Campaign calls on Asterisk (dialplans/extensions.conf, [cticore-campaign]): the callee is dialled first through a
/// Local channel named after the campaign call id, so every event of the call carries that id as its call id and
/// reaches the campaign grain; the OriginateResponse tells how the ringing ended.
/// </summary>
public sealed partial class AsteriskCommandSink
{
    private static bool IsCampaignCall(string callId) => CampaignCallId.TryParse(callId, out _, out _);

    private async Task OriginateCampaignCallDetachedAsync(CampaignOriginateCommand command, AsteriskTelephonyOptions settings)
    {
        try
        {
            await OriginateCampaignCallAsync(command, settings, CancellationToken.None);
        }
#pragma warning disable CA1031 // Runs detached: a failure must be logged, not lost as an unobserved task exception.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogCommandFailed(logger, nameof(CampaignOriginateCommand), exception.Message);
        }
    }

    private async Task OriginateCampaignCallAsync(CampaignOriginateCommand command, AsteriskTelephonyOptions settings, CancellationToken cancellationToken)
    {
        var digits = command.Number.TrimStart('+');
        if (digits.Length is 0 or > 32 || !digits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("number to dial is not E.164 digits");
        }

        if (command.CallerId is { } callerId && (callerId.Length > 33 || !callerId.TrimStart('+').All(char.IsAsciiDigit)))
        {
            throw new ArgumentException("caller ID is not E.164 digits");
        }

        // Never shorter than the legal minimum, whatever the command says.
        var ring = DialCompliance.RingTimeout(command.RingTimeout);
        var ringSeconds = (int)Math.Ceiling(ring.TotalSeconds);
        bool answered;
        var cause = CallEndCause.Failed;
        string? detail;
        try
        {
            var response = await ami.OriginateAsync(new OriginateAction
            {
                Channel = $"Local/{digits}@{settings.CampaignContext}",
                Context = settings.CampaignContext,
                Exten = "answered",
                Priority = "1",
                CallerID = command.CallerId,
                // The dialplan's Dial() gives up after the ring time; the originate waits a little longer for that.
                Timeout = ((ringSeconds + 5) * 1000).ToString(CultureInfo.InvariantCulture),
                ChannelId = command.CallId,
                Variables = new Dictionary<string, string>
                {
                    ["__CTICORE_CAMPAIGN_ENTRY"] = command.CallId,
                    ["__CTICORE_CAMPAIGN_RING"] = ringSeconds.ToString(CultureInfo.InvariantCulture),
                    ["__CTICORE_CAMPAIGN_CALLERID"] = command.CallerId ?? string.Empty,
                    ["__CTICORE_CAMPAIGN_AMD"] = command.DetectAnsweringMachine ? "1" : "0",
                },
            }, cancellationToken);
            answered = string.Equals(response.Response, "Success", StringComparison.OrdinalIgnoreCase);
            var reason = response.Packet["Reason"];
            cause = AsteriskDialOutcomes.FromOriginateReason(reason);
            detail = "originate reason " + (reason ?? "none");
        }
        catch (AmiException exception)
        {
            answered = false;
            detail = exception.Message;
        }

        await events.PublishAsync(new OutboundDialResult
        {
            EventId = AmiCallTranslator.EventIdFor(settings.PbxName, command.CallId, "campaign-dial:" + command.CommandId),
            Source = "ami-commands:" + settings.PbxName,
            Sequence = Interlocked.Increment(ref _sequence),
            OccurredAt = time.GetUtcNow(),
            CallId = command.CallId,
            CommandId = command.CommandId,
            Answered = answered,
            Cause = answered ? CallEndCause.Unknown : cause,
            Detail = detail,
            Pbx = new PbxCorrelation { ChannelId = command.CallId, LinkedId = command.CallId },
        }, cancellationToken);
    }
}
