using System.Collections.Concurrent;
using CtiCore.Abstractions.Agents;
using CtiCore.Abstractions.Calls;
using CtiCore.Abstractions.Campaigns;
using CtiCore.Abstractions.Telephony;
using CtiCore.Domain.Ports;
using CtiCore.Domain.Telephony;
using CtiCore.Grains.Timing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CtiCore.Grains.Telephony;

/// <summary>
/// Routes each PBX-neutral event to its grain: call events to the call grain named by the event's call id,
/// device states to the agent who owns the endpoint. Stateless apart from a short endpoint→agent cache, so any
/// number of adapters and silos can use their own instance.
/// </summary>
public sealed class TelephonyEventDispatcher(
    IGrainFactory grains,
    IAgentDirectory directory,
    [FromKeyedServices(CtiCoreClock.Key)] TimeProvider time,
    ILogger<TelephonyEventDispatcher> logger) : ITelephonyEventSink
{
    private static readonly TimeSpan EndpointCacheLifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (long? AgentId, DateTimeOffset At)> _endpoints = new(StringComparer.OrdinalIgnoreCase);

    public async Task PublishAsync(TelephonyEvent telephonyEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(telephonyEvent);
        if (string.IsNullOrEmpty(telephonyEvent.EventId) || string.IsNullOrEmpty(telephonyEvent.Source))
        {
            throw new ArgumentException($"A {telephonyEvent.GetType().Name} needs an EventId and a Source.", nameof(telephonyEvent));
        }

        switch (telephonyEvent)
        {
            case CallEvent callEvent when string.IsNullOrEmpty(callEvent.CallId):
                throw new ArgumentException($"A {telephonyEvent.GetType().Name} needs a CallId.", nameof(telephonyEvent));
            case CallEvent callEvent when CampaignCallId.TryParse(callEvent.CallId, out var campaignId, out _):
                // Campaign calls are dialled by the campaign grain, which owns them from the first ring to the log.
                await grains.GetGrain<ICampaignGrain>(campaignId).HandleAsync(callEvent);
                break;
            case CallEvent callEvent:
                await grains.GetGrain<ICallGrain>(callEvent.CallId).HandleAsync(callEvent);
                break;
            case AgentDeviceStateChanged device when string.IsNullOrEmpty(device.Endpoint):
                throw new ArgumentException("An AgentDeviceStateChanged needs an Endpoint.", nameof(telephonyEvent));
            case AgentDeviceStateChanged device:
                if (await FindAgentAsync(device.Endpoint, cancellationToken) is { } agentId)
                {
                    await grains.GetGrain<IAgentGrain>(agentId).DeviceStateChangedAsync(device.State, device.Order);
                }
                else
                {
                    GrainLog.UnknownEndpoint(logger);
                }

                break;
            default:
                throw new ArgumentException($"{telephonyEvent.GetType().Name} is not an event CtiCore handles.", nameof(telephonyEvent));
        }
    }

    private async Task<long?> FindAgentAsync(string endpoint, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_endpoints.TryGetValue(endpoint, out var cached) && now - cached.At < EndpointCacheLifetime)
        {
            return cached.AgentId;
        }

        var agentId = await directory.FindAgentByEndpointAsync(endpoint, cancellationToken);
        _endpoints[endpoint] = (agentId, now);
        return agentId;
    }
}
