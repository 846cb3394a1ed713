using System.Buffers;
using System.Text;
using CtiCore.Asterisk.Protocol.Agi;

namespace CtiCore.Asterisk.Protocol.Tests.Agi;

public sealed class AgiRequestReaderTests
{
    // The shape res_agi.c (Asterisk 22) sends for AGI(agi://127.0.0.1:4573/route,5551234) on an inbound PJSIP channel.
    private const string Environment =
        "agi_network: yes\n" +
        "agi_network_script: route\n" +
        "agi_request: agi://127.0.0.1:4573/route\n" +
        "agi_channel: PJSIP/trunk-00000000\n" +
        "agi_language: en\n" +
        "agi_type: PJSIP\n" +
        "agi_uniqueid: 1795446336.0\n" +
        "agi_version: 22.10.1\n" +
        "agi_callerid: +4930123456\n" +
        "agi_calleridname: Zoë Müller\n" +
        "agi_callingpres: 0\n" +
        "agi_dnid: 5551234\n" +
        "agi_context: from-trunk\n" +
        "agi_extension: 5551234\n" +
        "agi_priority: 7\n" +
        "agi_enhanced: 0.0\n" +
        "agi_accountcode: \n" +
        "agi_threadid: 139971406288576\n" +
        "agi_arg_1: 5551234\n" +
        "agi_arg_2: retry\n" +
        "\n";

    private static readonly byte[] Bytes = Encoding.UTF8.GetBytes(Environment + "200 result=1\n");

    [Fact]
    public void Reads_the_environment_and_stops_at_the_empty_line()
    {
        var status = AgiRequestReader.TryRead(new ReadOnlySequence<byte>(Bytes), out var consumed, out _, out var request, out var error);

        Assert.Equal(OperationStatus.Done, status);
        Assert.Null(error);
        Assert.NotNull(request);
        Assert.Equal("route", request.NetworkScript);
        Assert.Equal("1795446336.0", request.UniqueId);
        Assert.Equal("PJSIP/trunk-00000000", request.Channel);
        Assert.Equal("+4930123456", request.CallerIdNumber);
        Assert.Equal("Zoë Müller", request.CallerIdName);
        Assert.Equal("5551234", request.Dnid);
        Assert.Equal("from-trunk", request.Context);
        Assert.Equal(string.Empty, request.Get("agi_accountcode"));
        Assert.Equal(["5551234", "retry"], request.Arguments);
        Assert.Equal(Encoding.UTF8.GetByteCount(Environment), new ReadOnlySequence<byte>(Bytes).Slice(0, consumed).Length);
    }

    [Fact]
    public void Reads_the_same_request_split_at_every_byte()
    {
        var whole = Encoding.UTF8.GetBytes(Environment);
        for (var split = 1; split < whole.Length; split++)
        {
            // First only the bytes before the split arrived: the reader must ask for more, never guess.
            var first = AgiRequestReader.TryRead(new ReadOnlySequence<byte>(whole, 0, split), out var consumed, out _, out var partial, out var error);
            Assert.True(first == OperationStatus.NeedMoreData || split == whole.Length, $"split {split}: {first}");
            Assert.Null(partial);
            Assert.Null(error);

            var status = AgiRequestReader.TryRead(FragmentedSequence.Create(whole, split), out consumed, out _, out var request, out error);
            Assert.Equal(OperationStatus.Done, status);
            Assert.NotNull(request);
            Assert.Equal(20, request.Variables.Count);
            Assert.Equal("Zoë Müller", request.CallerIdName);
            Assert.Equal(["5551234", "retry"], request.Arguments);
        }
    }

    [Fact]
    public void Accepts_crlf_line_ends()
    {
        var bytes = Encoding.ASCII.GetBytes("agi_network_script: route\r\nagi_uniqueid: 1.2\r\n\r\n");
        Assert.Equal(OperationStatus.Done, AgiRequestReader.TryRead(new ReadOnlySequence<byte>(bytes), out _, out _, out var request, out _));
        Assert.Equal("1.2", request!.UniqueId);
    }

    [Theory]
    [InlineData("agi_uniqueid 1.2\n\n", "not \"agi_name: value\"")]
    [InlineData("uniqueid: 1.2\n\n", "agi_")]
    [InlineData("agi_: x\n\n", "agi_")]
    [InlineData("agi_Channel: x\n\n", "a-z")]
    [InlineData("agi_channel: a\u0001b\n\n", "control character")]
    [InlineData("agi_channel: a\n agi_channel: b\n\n", "agi_")]
    [InlineData("agi_channel: a\nagi_channel: b\n\n", "twice")]
    [InlineData("\n", "empty")]
    public void Refuses_malformed_environments(string text, string reason)
    {
        var status = AgiRequestReader.TryRead(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(text)), out _, out _, out var request, out var error);
        Assert.Equal(OperationStatus.InvalidData, status);
        Assert.Null(request);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_invalid_utf8()
    {
        byte[] bytes = [.. "agi_callerid: "u8, 0xC3, 0x28, .. "\n\n"u8];
        Assert.Equal(OperationStatus.InvalidData, AgiRequestReader.TryRead(new ReadOnlySequence<byte>(bytes), out _, out _, out _, out var error));
        Assert.Contains("UTF-8", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_endless_environment_instead_of_buffering_it()
    {
        var lines = Enumerable.Range(1, 20).Select(i => $"agi_arg_{i}: {new string('x', 1000)}\n");
        var bytes = Encoding.ASCII.GetBytes(string.Concat(lines));
        Assert.True(bytes.Length > AgiRequestReader.MaxRequestBytes);
        Assert.Equal(OperationStatus.InvalidData, AgiRequestReader.TryRead(new ReadOnlySequence<byte>(bytes), out _, out _, out _, out var error));
        Assert.Contains("larger than", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_stop_at_the_first_gap()
    {
        var bytes = Encoding.ASCII.GetBytes("agi_arg_1: a\nagi_arg_3: c\n\n");
        Assert.Equal(OperationStatus.Done, AgiRequestReader.TryRead(new ReadOnlySequence<byte>(bytes), out _, out _, out var request, out _));
        Assert.Equal(["a"], request!.Arguments);
    }
}
