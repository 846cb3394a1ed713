using System.Collections.Concurrent;
using System.Threading.Channels;
using CtiCore.Domain.Telephony;

namespace CtiCore.Grains.Tests.Infrastructure;

/// <summary>Stands in for a PBX adapter: keeps every command, and hands them to a test that plays the PBX.</summary>
public sealed class RecordingCommandSink : ITelephonyCommandSink
{
    private readonly ConcurrentQueue<TelephonyCommand> _all = new();

    public Channel<TelephonyCommand> Stream { get; } = Channel.CreateUnbounded<TelephonyCommand>();

    public IReadOnlyList<TelephonyCommand> All => [.. _all];

    /// <summary>Calls whose commands this PBX refuses by throwing (as a PBX adapter refuses bad input before anything rings).</summary>
    public ConcurrentDictionary<string, Exception> RefuseFor { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<T> Of<T>(string callId)
        where T : TelephonyCommand => _all.OfType<T>().Where(c => c.CallId == callId).ToList();

    public Task SendAsync(TelephonyCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (RefuseFor.TryGetValue(command.CallId, out var refusal))
        {
            throw refusal;
        }

        _all.Enqueue(command);

        // Never call back into grains from here: the sending call grain is waiting on us.
        Stream.Writer.TryWrite(command);
        return Task.CompletedTask;
    }
}
