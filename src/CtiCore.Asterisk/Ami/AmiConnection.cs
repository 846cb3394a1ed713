using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using CtiCore.Asterisk.Protocol;

namespace CtiCore.Asterisk.Ami;

/// <summary>
/// One TCP session with Asterisk: its pipes, its write lock, and the actions waiting on it. It is never reused:
/// after <see cref="Break"/> the client builds a new one, so a late answer from an old session can't meet a new action.
/// </summary>
internal sealed class AmiConnection : IAsyncDisposable
{
    private readonly CancellationTokenSource _closed = new();
    private readonly NetworkStream _stream;
    private int _broken;

    public AmiConnection(Socket socket, int generation)
    {
        _stream = new NetworkStream(socket, ownsSocket: true);
        Reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4096, leaveOpen: true));
        Writer = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
        Generation = generation;
    }

    public int Generation { get; }

    public PipeReader Reader { get; }

    public PipeWriter Writer { get; }

    /// <summary>Serializes writes: one action's lines must never interleave with another's.</summary>
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    public ConcurrentDictionary<string, AmiPendingAction> Pending { get; } = new(StringComparer.Ordinal);

    public TaskCompletionSource<string> Banner { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Cancelled when the connection breaks.</summary>
    public CancellationToken Closed => _closed.Token;

    public bool IsBroken => Volatile.Read(ref _broken) != 0;

    public AmiException? BreakReason { get; private set; }

    /// <summary>The reader loop; it ends when the connection breaks.</summary>
    public Task ReaderTask { get; set; } = Task.CompletedTask;

    /// <summary>
    /// Closes the session and fails every pending action with <paramref name="reason"/> (Npgsql's Break): after a
    /// protocol desync nothing read afterwards can be trusted to belong to the action it seems to answer.
    /// Returns how many actions were failed, or -1 when the connection was already broken.
    /// </summary>
    public int Break(AmiException reason)
    {
        if (Interlocked.Exchange(ref _broken, 1) != 0)
        {
            return -1;
        }

        BreakReason = reason;
        Banner.TrySetException(reason);
        var failed = 0;
        foreach (var id in Pending.Keys)
        {
            if (Pending.TryRemove(id, out var pending) && pending.Completion.TrySetException(reason))
            {
                failed++;
            }
        }

        try
        {
            _closed.Cancel();
        }
        catch (AggregateException)
        {
            // A registration threw; the connection is closing anyway.
        }

        // Closing the socket ends a pending ReadAsync with an exception, which ends the reader loop.
        _stream.Socket.Dispose();
        return failed;
    }

    public async ValueTask DisposeAsync()
    {
        Break(new AmiException(AmiErrorReason.ConnectionLost, "AMI connection closed"));
        await Reader.CompleteAsync();
        await Writer.CompleteAsync();
        await _stream.DisposeAsync();
        _closed.Dispose();

        // WriteLock is not disposed: a sender may still hold it when the connection closes under it (Asterisk answers
        // Logoff and hangs up at once), and its Release must not throw. It never allocated a wait handle to free.
    }
}
