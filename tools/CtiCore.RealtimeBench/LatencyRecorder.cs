using System.Collections.Concurrent;
using System.Diagnostics;

namespace CtiCore.RealtimeBench;

/// <summary>
/// Stopwatch timestamps per message key (call id): when it was injected, when the server serialized it for the
/// socket, when a client's callback ran. Only the first of each is kept. Monotonic clock, same process.
/// </summary>
internal static class LatencyRecorder
{
    public static ConcurrentDictionary<string, long> Injected { get; } = new(StringComparer.Ordinal);

    public static ConcurrentDictionary<string, long> Written { get; } = new(StringComparer.Ordinal);

    public static ConcurrentDictionary<string, long> Received { get; } = new(StringComparer.Ordinal);

    public static void Inject(string key) => Injected.TryAdd(key, Stopwatch.GetTimestamp());

    public static void Write(string key) => Written.TryAdd(key, Stopwatch.GetTimestamp());

    public static void Receive(string key) => Received.TryAdd(key, Stopwatch.GetTimestamp());
}
