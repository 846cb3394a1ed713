using System.Collections.Concurrent;

namespace CtiCore.Telephony.Agi;

/// <summary>
/// Where a FastAGI session waits for the routing grains' command about its call. The call grain answers an offer
/// with a RouteToEndpointCommand (or an overflow TransferCommand) through the command sink; while an AGI session
/// holds the call, the sink hands the answer here instead of moving the channel through AMI.
/// </summary>
public sealed class AgiRouteWaiters
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<AgiRouteAnswer>> _waiting = new(StringComparer.Ordinal);

    /// <summary>Registers the session for <paramref name="callId"/>; dispose the lease when the session stops waiting.</summary>
    public Lease Wait(string callId)
    {
        var source = new TaskCompletionSource<AgiRouteAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[callId] = source;
        return new Lease(this, callId, source);
    }

    /// <summary>True when a session was waiting for this call and now has its answer.</summary>
    public bool TryAnswer(string callId, AgiRouteAnswer answer)
        => _waiting.TryRemove(callId, out var source) && source.TrySetResult(answer);

    public int Count => _waiting.Count;

    public sealed class Lease : IDisposable
    {
        private readonly AgiRouteWaiters _owner;
        private readonly string _callId;
        private readonly TaskCompletionSource<AgiRouteAnswer> _source;

        internal Lease(AgiRouteWaiters owner, string callId, TaskCompletionSource<AgiRouteAnswer> source)
        {
            _owner = owner;
            _callId = callId;
            _source = source;
        }

        public Task<AgiRouteAnswer> Answer => _source.Task;

        public void Dispose()
        {
            _owner._waiting.TryRemove(new KeyValuePair<string, TaskCompletionSource<AgiRouteAnswer>>(_callId, _source));
            _source.TrySetCanceled();
        }
    }
}
