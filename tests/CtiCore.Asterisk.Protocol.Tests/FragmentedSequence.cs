using System.Buffers;

namespace CtiCore.Asterisk.Protocol.Tests;

/// <summary>Builds a multi-segment ReadOnlySequence, split where a test says, as a socket's reads would deliver it.</summary>
internal static class FragmentedSequence
{
    public static ReadOnlySequence<byte> Create(ReadOnlyMemory<byte> data, params int[] splits)
    {
        var points = splits.Where(s => s > 0 && s < data.Length).Distinct().Order().ToList();
        if (points.Count == 0)
        {
            return new ReadOnlySequence<byte>(data);
        }

        Segment? first = null;
        Segment? last = null;
        var start = 0;
        foreach (var end in points.Append(data.Length))
        {
            var segment = new Segment(data[start..end], last);
            first ??= segment;
            last = segment;
            start = end;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}
