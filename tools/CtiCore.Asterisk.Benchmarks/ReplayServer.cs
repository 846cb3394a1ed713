using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CtiCore.Asterisk.Benchmarks;

/// <summary>
/// A minimal AMI peer on loopback: banner, answers Challenge/Login/Ping/lists, then writes the replay as fast as the
/// socket takes it (or paced at a fixed rate).
/// </summary>
internal sealed class ReplayServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public ReplayServer() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async Task ServeOnceAsync(Func<NetworkStream, Task> replay, bool handshake)
    {
        using var client = await _listener.AcceptTcpClientAsync();
        client.NoDelay = true;
        var stream = client.GetStream();
        await stream.WriteAsync("Asterisk Call Manager/11.0.0\r\n"u8.ToArray());
        var answering = Task.CompletedTask;
        if (handshake)
        {
            // Answer the client's login and resync lists, then keep reading (and ignoring) whatever else comes.
            var loggedIn = new TaskCompletionSource();
            answering = Task.Run(async () =>
            {
                using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
                string? id = null;
                string? action = null;
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (line.StartsWith("Action: ", StringComparison.Ordinal))
                    {
                        action = line[8..];
                    }
                    else if (line.StartsWith("ActionID: ", StringComparison.Ordinal))
                    {
                        id = line[10..];
                    }
                    else if (line.Length == 0 && action is not null)
                    {
                        var answer = action switch
                        {
                            "Challenge" => $"Response: Success\r\nActionID: {id}\r\nChallenge: 1\r\n\r\n",
                            "CoreShowChannels" => $"Response: Success\r\nActionID: {id}\r\nEventList: start\r\n\r\nEvent: CoreShowChannelsComplete\r\nActionID: {id}\r\nEventList: Complete\r\nListItems: 0\r\n\r\n",
                            "DeviceStateList" => $"Response: Success\r\nActionID: {id}\r\nEventList: start\r\n\r\nEvent: DeviceStateListComplete\r\nActionID: {id}\r\nEventList: Complete\r\nListItems: 0\r\n\r\n",
                            _ => $"Response: Success\r\nActionID: {id}\r\nMessage: ok\r\n\r\n",
                        };
                        lock (stream)
                        {
                            stream.Write(Encoding.UTF8.GetBytes(answer));
                        }

                        if (action == "Login")
                        {
                            loggedIn.TrySetResult();
                        }

                        action = null;
                    }
                }
            });
            await loggedIn.Task;
        }

        await replay(stream);
        await stream.FlushAsync();
        client.Client.Shutdown(SocketShutdown.Send);
        await answering.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public static async Task WriteAllAsync(NetworkStream stream, byte[] data)
    {
        const int chunk = 64 * 1024;
        for (var offset = 0; offset < data.Length; offset += chunk)
        {
            var length = Math.Min(chunk, data.Length - offset);
            // The handshake task writes responses on the same stream: keep each write whole.
            Monitor.Enter(stream);
            try
            {
                stream.Write(data, offset, length);
            }
            finally
            {
                Monitor.Exit(stream);
            }
        }

        await Task.CompletedTask;
    }

    /// <summary>Writes events at <paramref name="perSecond"/>, stamped with the send time, in 1 ms batches.</summary>
    public static async Task WritePacedAsync(NetworkStream stream, IReadOnlyList<string> events, int total, int perSecond)
    {
        var clock = Stopwatch.StartNew();
        var sent = 0;
        while (sent < total)
        {
            var due = (int)Math.Min(total, clock.Elapsed.TotalSeconds * perSecond);
            if (due <= sent)
            {
                await Task.Yield();
                Thread.SpinWait(50);
                continue;
            }

            using var batch = new MemoryStream();
            for (; sent < due; sent++)
            {
                batch.Write(ReplayStream.Stamped(events[sent % events.Count], sent, Stopwatch.GetTimestamp()));
            }

            lock (stream)
            {
                stream.Write(batch.GetBuffer(), 0, (int)batch.Length);
            }
        }
    }

    public void Dispose() => _listener.Stop();
}
