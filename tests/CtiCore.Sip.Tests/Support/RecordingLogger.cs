using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CtiCore.Sip.Tests.Support;

/// <summary>Keeps what was logged at Warning and above, so a test can assert the endpoint never hit an unexpected failure.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Message, Exception? Exception)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Entries.Enqueue((logLevel, eventId, formatter(state, exception), exception));
        }
    }
}
