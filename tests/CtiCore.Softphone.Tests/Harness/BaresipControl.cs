using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace CtiCore.Softphone.Tests.Harness;

/// <summary>One event baresip reported on ctrl_tcp, e.g. type CALL_ESTABLISHED with the peer's URI.</summary>
public sealed record BaresipEvent(string Type, string? PeerUri, string? Param, string Json);

/// <summary>
/// A client of baresip's ctrl_tcp module: JSON objects framed as netstrings ("LEN:{…},") both ways. Events are read
/// in the background; a test waits for the next one of a type, with a bound.
/// </summary>
public sealed class BaresipControl : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly Channel<BaresipEvent> _events = Channel.CreateUnbounded<BaresipEvent>();
    private readonly List<BaresipEvent> _seen = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    private BaresipControl(TcpClient client)
    {
        _client = client;
        _reading = Task.Run(() => ReadAsync(_stop.Token));
    }

    /// <summary>Every event read so far (for failure messages).</summary>
    public string History
    {
        get
        {
            lock (_seen)
            {
                return string.Join(Environment.NewLine, _seen.Select(e => e.Json));
            }
        }
    }

    /// <summary>Connects once baresip listens; gives up when it exits or after 30 s.</summary>
    public static async Task<BaresipControl> ConnectAsync(IPEndPoint endPoint, Func<bool> exited, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync(endPoint, cancellationToken);
                return new BaresipControl(client);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !exited())
            {
                client.Dispose();
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>The next event of <paramref name="type"/>; events of other types read meanwhile are skipped.</summary>
    public async Task<BaresipEvent> WaitForAsync(string type, TimeSpan patience, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(patience);
        try
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync(deadline.Token);
                if (next.Type == type)
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"baresip reported no {type} within {patience}; its events: {History}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"baresip closed its control connection before {type}; its events: {History}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _client.Dispose();
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var stream = _client.GetStream();
            while (await ReadNetstringAsync(stream, cancellationToken) is { } json)
            {
                using var document = JsonDocument.Parse(json);
                var root = document.RootElement;
                if (!root.TryGetProperty("event", out var isEvent) || isEvent.ValueKind != JsonValueKind.True)
                {
                    continue; // a command's response
                }
                var received = new BaresipEvent(Text(root, "type") ?? string.Empty, Text(root, "peeruri"), Text(root, "param"), json);
                lock (_seen)
                {
                    _seen.Add(received);
                }
                await _events.Writer.WriteAsync(received, cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or JsonException)
        {
            // The connection closed (baresip stopped, or this client was disposed); waiters see the channel complete.
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    /// <summary>One netstring's payload, or null at the end of the stream. A malformed length ends the stream.</summary>
    private static async Task<string?> ReadNetstringAsync(Stream stream, CancellationToken cancellationToken)
    {
        var one = new byte[1];
        var length = 0;
        var digits = 0;
        while (true)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }
            if (one[0] == (byte)':')
            {
                break;
            }
            if (one[0] is < (byte)'0' or > (byte)'9' || ++digits > 7)
            {
                throw new IOException("baresip sent a malformed netstring length");
            }
            length = length * 10 + (one[0] - '0');
        }
        var payload = new byte[length + 1]; // the payload and the closing comma
        await stream.ReadExactlyAsync(payload, cancellationToken);
        if (payload[length] != (byte)',')
        {
            throw new IOException("baresip sent a netstring without its closing comma");
        }
        return Encoding.UTF8.GetString(payload, 0, length);
    }

    private static string? Text(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"baresip control ({_seen.Count} events)");
}
