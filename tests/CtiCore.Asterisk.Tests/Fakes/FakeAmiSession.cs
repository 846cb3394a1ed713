using System.Net.Sockets;
using System.Text;

namespace CtiCore.Asterisk.Tests.Fakes;

/// <summary>One client connection to <see cref="FakeAmiServer"/>.</summary>
internal sealed class FakeAmiSession(TcpClient client) : IAsyncDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly NetworkStream _stream = client.GetStream();

    public string? Challenge { get; set; }

    public bool LoggedIn { get; set; }

    public async Task SendAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await _writeLock.WaitAsync();
        try
        {
            await _stream.WriteAsync(bytes);
            await _stream.FlushAsync();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // The client went away; the test decides whether that matters.
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task RespondAsync(FakeAmiAction action, string response, params string[] fields)
        => SendAsync($"Response: {response}\r\nActionID: {action.ActionId}\r\n{string.Concat(fields.Select(f => f + "\r\n"))}\r\n");

    public Task SendEventAsync(string name, string fields = "") => SendAsync($"Event: {name}\r\nPrivilege: call,all\r\n{fields}\r\n");

    /// <summary>Closes with a TCP reset, as a network failure or a killed process would.</summary>
    public void Abort()
    {
        try
        {
            if (client.Client is { } socket)
            {
                socket.LingerState = new LingerOption(true, 0);
            }

            client.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public static async Task<FakeAmiAction?> ReadActionAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>>();
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                if (fields.Count > 0)
                {
                    return new FakeAmiAction(fields);
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            fields.Add(new KeyValuePair<string, string>(line[..colon], line[(colon + 1)..].TrimStart(' ')));
        }
    }

    public Stream Stream => _stream;

    public ValueTask DisposeAsync()
    {
        Abort();
        _writeLock.Dispose();
        return ValueTask.CompletedTask;
    }
}
