using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using CtiCore.Asterisk.Ami;
using CtiCore.Asterisk.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiCore.Asterisk.Benchmarks;

internal sealed record RunResult(int Events, TimeSpan Elapsed, long AllocatedBytes, int Reorderings, double[] LatenciesMicroseconds)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public double BytesPerEvent => (double)AllocatedBytes / Events;

    /// <summary>Process CPU time over the run (consumer and the in-process replay server alike).</summary>
    public TimeSpan Cpu { get; init; }

    /// <summary>Events per CPU-second: throughput per core, independent of idle waits and of the other sessions' load.</summary>
    public double EventsPerCpuSecond => Events / Cpu.TotalSeconds;
}

/// <summary>What a handler does with each event in both consumers: its name, its Uniqueid, and the order check.</summary>
internal static class Consumers
{
    public static async Task<RunResult> CtiCoreClientAsync(int port, int total)
    {
        var options = new AmiOptions
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "bench",
            Secret = "bench",
            LoginMode = AmiLoginMode.Plain,
            PingInterval = TimeSpan.FromMinutes(10),
            EventQueueCapacity = 100_000,
        };
        await using var client = new AmiClient(Microsoft.Extensions.Options.Options.Create(options), NullLogger<AmiClient>.Instance, TimeProvider.System);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        // The clock includes the login: the replay starts right after it and the client parses while StartAsync returns.
        var clock = Stopwatch.StartNew();
        await client.StartAsync();
        var reorderings = 0;
        var expected = 0L;
        var latencies = new List<double>(total);
        var nameLength = 0L;
        for (var i = 0; i < total; i++)
        {
            var packet = await client.Events.ReadAsync();
            nameLength += packet.EventName!.Length + (packet["Uniqueid"u8]?.Length ?? 0);
            if (!packet.TryGetValueBytes("CtiSeq"u8, out var seqBytes) || !Utf8Parser.TryParse(seqBytes, out long sequence, out _) || sequence != expected)
            {
                reorderings++;
            }

            expected++;
            if (packet.TryGetValueBytes("CtiSent"u8, out var sentBytes) && Utf8Parser.TryParse(sentBytes, out long sent, out _))
            {
                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMicroseconds);
            }
        }

        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        GC.KeepAlive(nameLength);
        if (client.DroppedEvents != 0)
        {
            throw new InvalidOperationException($"{client.DroppedEvents} events dropped");
        }

        return new RunResult(total, clock.Elapsed, allocated, reorderings, [.. latencies]);
    }

    /// <summary>
    /// The naive baseline: a StreamReader line at a time, string.Split on ':', a new Dictionary per packet, the handler
    /// called on the reading thread. (The model of AsterNET itself is in Baselines/AsterNetModel.)
    /// </summary>
    public static RunResult NaiveLineParser(int port, int total)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var tcp = new TcpClient("127.0.0.1", port);
        using var reader = new StreamReader(tcp.GetStream(), Encoding.UTF8);
        _ = reader.ReadLine();
        var clock = Stopwatch.StartNew();
        var events = 0;
        var reorderings = 0;
        var latencies = new List<double>(total);
        var nameLength = 0L;
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (events < total && reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                if (fields.TryGetValue("Event", out var name))
                {
                    nameLength += name.Length + (fields.TryGetValue("Uniqueid", out var uniqueid) ? uniqueid.Length : 0);
                    if (!fields.TryGetValue("CtiSeq", out var seq) || long.Parse(seq, System.Globalization.CultureInfo.InvariantCulture) != events)
                    {
                        reorderings++;
                    }

                    if (fields.TryGetValue("CtiSent", out var sent))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(long.Parse(sent, System.Globalization.CultureInfo.InvariantCulture)).TotalMicroseconds);
                    }

                    events++;
                }

                fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                continue;
            }

            var parts = line.Split(':', 2);
            if (parts.Length == 2)
            {
                fields[parts[0].Trim()] = parts[1].Trim();
            }
        }

        clock.Stop();
        GC.KeepAlive(nameLength);
        return new RunResult(events, clock.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, reorderings, [.. latencies]);
    }

    /// <summary>The scanner alone over memory, fed in 64 KB reads: the framing cost per core without sockets.</summary>
    public static RunResult ScannerInMemory(byte[] data, int total)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var state = new AmiScannerState(expectBanner: false);
        var consumedOffset = 0;
        var delivered = 0;
        var events = 0;
        var nameLength = 0L;
        while (delivered < data.Length)
        {
            delivered = Math.Min(data.Length, delivered + (64 * 1024));
            var buffer = new ReadOnlySequence<byte>(data, consumedOffset, delivered - consumedOffset);
            while (AmiScanner.TryRead(ref state, buffer, out var consumed, out var packet) == OperationStatus.Done)
            {
                nameLength += packet!.EventName!.Length + (packet["Uniqueid"u8]?.Length ?? 0);
                events++;
                var length = (int)buffer.Slice(buffer.Start, consumed).Length;
                consumedOffset += length;
                buffer = buffer.Slice(consumed);
            }
        }

        clock.Stop();
        GC.KeepAlive(nameLength);
        return new RunResult(events, clock.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, 0, []);
    }

    public static RunResult NaiveInMemory(byte[] data, int total)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        using var reader = new StreamReader(new MemoryStream(data), Encoding.UTF8);
        var events = 0;
        var nameLength = 0L;
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                if (fields.TryGetValue("Event", out var name))
                {
                    nameLength += name.Length + (fields.TryGetValue("Uniqueid", out var uniqueid) ? uniqueid.Length : 0);
                    events++;
                }

                fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                continue;
            }

            var parts = line.Split(':', 2);
            if (parts.Length == 2)
            {
                fields[parts[0].Trim()] = parts[1].Trim();
            }
        }

        clock.Stop();
        GC.KeepAlive(nameLength);
        return new RunResult(events, clock.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, 0, []);
    }
}
