using System.Buffers;
using System.Text;
using CtiCore.Asterisk.Protocol.Agi;

namespace CtiCore.Asterisk.Protocol.Tests.Agi;

public sealed class AgiReplyReaderTests
{
    private static AgiReply Read(string text, out int consumedBytes)
    {
        var sequence = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(text));
        Assert.Equal(OperationStatus.Done, AgiReplyReader.TryRead(sequence, out var consumed, out _, out var reply, out var error));
        Assert.Null(error);
        consumedBytes = (int)sequence.Slice(0, consumed).Length;
        return reply!;
    }

    [Fact]
    public void Reads_a_success_with_result_and_data()
    {
        var reply = Read("200 result=1 (timeout)\n200 result=0\n", out var consumed);
        Assert.True(reply.IsSuccess);
        Assert.Equal("1", reply.Result);
        Assert.Equal("timeout", reply.Data);
        Assert.Equal(23, consumed);
    }

    [Fact]
    public void Reads_the_hangup_notice()
    {
        var reply = Read("HANGUP\n", out _);
        Assert.True(reply.IsHangup);
        Assert.False(reply.IsSuccess);
    }

    [Fact]
    public void Reads_a_multi_line_usage_error_whole()
    {
        const string text = "520-Invalid command syntax.  Proper usage follows:\nUsage: SET VARIABLE <variablename> <value>\n520 End of proper usage.\n";
        var reply = Read(text, out var consumed);
        Assert.Equal(520, reply.Status);
        Assert.Contains("Usage: SET VARIABLE", reply.Text, StringComparison.Ordinal);
        Assert.Equal(text.Length, consumed);

        for (var split = 1; split < text.Length; split++)
        {
            var partial = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text[..split]));
            Assert.Equal(OperationStatus.NeedMoreData, AgiReplyReader.TryRead(partial, out _, out _, out _, out _));
            var whole = FragmentedSequence.Create(Encoding.ASCII.GetBytes(text), split);
            Assert.Equal(OperationStatus.Done, AgiReplyReader.TryRead(whole, out _, out _, out var again, out _));
            Assert.Equal(520, again!.Status);
        }
    }

    [Theory]
    [InlineData("OK\n")]
    [InlineData("20 result=1\n")]
    [InlineData("200result=1\n")]
    public void Refuses_lines_without_a_status(string text)
    {
        var sequence = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));
        Assert.Equal(OperationStatus.InvalidData, AgiReplyReader.TryRead(sequence, out _, out _, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Set_variable_quotes_and_escapes_and_refuses_line_breaks()
    {
        Assert.Equal("SET VARIABLE CTICORE_TARGET \"PJSIP/2001\"\n", Encoding.UTF8.GetString(AgiCommandWriter.SetVariable("CTICORE_TARGET", "PJSIP/2001")));
        Assert.Equal("SET VARIABLE X \"a\\\"b\\\\c\"\n", Encoding.UTF8.GetString(AgiCommandWriter.SetVariable("X", "a\"b\\c")));
        Assert.Throws<ArgumentException>(() => AgiCommandWriter.SetVariable("X", "a\nEXEC System rm"));
        Assert.Throws<ArgumentException>(() => AgiCommandWriter.SetVariable("X", "a\rb"));
        Assert.Throws<ArgumentException>(() => AgiCommandWriter.SetVariable("X Y", "a"));
    }
}
