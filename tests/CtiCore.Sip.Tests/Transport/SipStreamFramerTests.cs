using System.Buffers;
using System.Text;
using CtiCore.Sip.Messages;
using CtiCore.Sip.Tests.Support;
using CtiCore.Sip.Transport;

namespace CtiCore.Sip.Tests.Transport;

public sealed class SipStreamFramerTests
{
    private static string Message(string callId, string body = "") =>
        $"MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK{callId}\r\nTo: <sip:a@b>\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: {callId}\r\nCSeq: 1 MESSAGE\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

    [Fact]
    public void Pipelined_messages_with_keepalives_between_them_frame_at_every_split()
    {
        var bytes = Encoding.UTF8.GetBytes(Message("one", "hello") + "\r\n\r\n" + Message("two") + Message("three", "x\r\n\r\ny"));
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var (messages, error) = FramerDriver.Run(bytes, [cut]);
            Assert.Null(error);
            Assert.Equal(["one", "two", "three"], messages.Select(m => m.CallId));
            Assert.Equal("x\r\n\r\ny", Encoding.UTF8.GetString(messages[2].Body.Span));
        }
    }

    [Fact]
    public void Byte_by_byte_delivery_frames_the_same()
    {
        var bytes = Encoding.UTF8.GetBytes(Message("one", "hello") + Message("two"));
        var (messages, error) = FramerDriver.Run(bytes, Enumerable.Range(1, bytes.Length));
        Assert.Null(error);
        Assert.Equal(["one", "two"], messages.Select(m => m.CallId));
    }

    [Fact]
    public void A_huge_content_length_is_refused_at_once_without_waiting_for_the_body()
    {
        var head = Encoding.ASCII.GetBytes(Message("big").Replace("Content-Length: 0", "Content-Length: 2000000000", StringComparison.Ordinal));
        var framer = new SipStreamFramer(4096);
        var state = default(SipFramerState);
        var status = framer.TryRead(ref state, new ReadOnlySequence<byte>(head), out _, out _, out _);
        Assert.Equal(OperationStatus.InvalidData, status);
        Assert.Equal(SipRejectionReason.MessageTooLarge, state.Error!.Reason);
    }

    [Fact]
    public void An_endless_header_section_is_refused_at_the_size_limit()
    {
        var framer = new SipStreamFramer(1024);
        var state = default(SipFramerState);
        var junk = Encoding.ASCII.GetBytes("INVITE sip:a@b SIP/2.0\r\n" + string.Concat(Enumerable.Repeat("X-Pad: aaaaaaaaaaaaaaaaaaaa\r\n", 60)));
        Assert.Equal(OperationStatus.NeedMoreData, framer.TryRead(ref state, new ReadOnlySequence<byte>(junk[..500]), out _, out _, out _));
        Assert.Equal(OperationStatus.InvalidData, framer.TryRead(ref state, new ReadOnlySequence<byte>(junk), out _, out _, out _));
        Assert.Equal(SipRejectionReason.MessageTooLarge, state.Error!.Reason);
    }

    [Theory]
    [InlineData("Content-Length: 0\r\nContent-Length: 0\r\n", SipRejectionReason.DuplicateHeader)]
    [InlineData("l: 0\r\nContent-length: 0\r\n", SipRejectionReason.DuplicateHeader)]
    [InlineData("X-No-Length: 1\r\n", SipRejectionReason.MissingContentLength)]
    [InlineData("Content-Length: +5\r\n", SipRejectionReason.InvalidContentLength)]
    public void Ambiguous_or_missing_length_breaks_the_stream(string lengthHeaders, SipRejectionReason reason)
    {
        var text = Message("x").Replace("Content-Length: 0\r\n", lengthHeaders, StringComparison.Ordinal);
        var (messages, error) = FramerDriver.Run(Encoding.ASCII.GetBytes(text + Message("after")), []);
        Assert.Empty(messages);
        Assert.Equal(reason, error!.Reason);
    }
}
