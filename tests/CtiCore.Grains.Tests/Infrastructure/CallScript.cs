using CtiCore.Domain.Telephony;

namespace CtiCore.Grains.Tests.Infrastructure;

/// <summary>Builds the events one PBX source would send for one call, with ids, sequence numbers and the fake clock's time.</summary>
public sealed class CallScript(string callId, TestWorld world, string source = "test-pbx")
{
    private static long _sequence;
    private int _eventNumber;

    public string CallId { get; } = callId;

    public CallOffered Offered(string? from, string? to = "+74950000000") =>
        Next<CallOffered>() with { CallerNumber = from, DialledNumber = to, Trunk = "PJSIP/provider" };

    public CallRinging Ringing(string endpoint) => Next<CallRinging>() with { Endpoint = endpoint };

    public CallAnswered Answered(string endpoint) => Next<CallAnswered>() with { Endpoint = endpoint };

    public CallEnded Ended(CallEndCause cause = CallEndCause.AgentHungUp) => Next<CallEnded>() with { Cause = cause };

    public T Next<T>()
        where T : CallEvent, new() => new()
        {
            EventId = $"{CallId}:{++_eventNumber}",
            Source = source,
            Sequence = Interlocked.Increment(ref _sequence),
            OccurredAt = world.Time.GetUtcNow(),
            CallId = CallId,
            Pbx = new PbxCorrelation { ChannelId = CallId + ".1", LinkedId = CallId },
        };
}
