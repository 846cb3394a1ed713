using System.Buffers;
using CtiCore.Sip.Messages;
using CtiCore.Sip.Transport;

namespace CtiCore.Sip.Tests.Support;

/// <summary>Feeds bytes to a <see cref="SipStreamFramer"/> the way the TCP transport's PipeReader loop does, in given pieces.</summary>
internal static class FramerDriver
{
    /// <summary>Messages framed, and the rejection that broke the stream (if any).</summary>
    public static (List<SipMessage> Messages, SipRejectedException? Error) Run(byte[] bytes, IEnumerable<int> cuts, int maxMessageSize = SipParser.DefaultMaxMessageSize)
    {
        var framer = new SipStreamFramer(maxMessageSize);
        var state = default(SipFramerState);
        var messages = new List<SipMessage>();
        var pending = new List<ReadOnlyMemory<byte>>();
        var previous = 0;
        foreach (var cut in cuts.Append(bytes.Length).Where(c => c > 0 && c <= bytes.Length).Distinct().Order())
        {
            pending.Add(bytes.AsMemory(previous, cut - previous));
            previous = cut;
            var buffer = FragmentedSequence.Create([.. pending]);
            while (true)
            {
                var status = framer.TryRead(ref state, buffer, out var message, out var consumed, out _);
                if (status == OperationStatus.Done)
                {
                    messages.Add(message!);
                    buffer = buffer.Slice(consumed);
                    continue;
                }
                if (status == OperationStatus.InvalidData)
                {
                    return (messages, state.Error);
                }
                // Keep what was not consumed, as PipeReader.AdvanceTo(consumed, examined) would.
                var rest = buffer.Slice(consumed).ToArray();
                pending.Clear();
                if (rest.Length > 0)
                {
                    pending.Add(rest);
                }
                break;
            }
        }
        return (messages, null);
    }
}
