using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using CtiCore.Asterisk.Protocol.Agi;
using CtiCore.Telephony.Agi;
using CtiCore.Telephony.Asterisk;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Telephony.Tests.Agi;

public sealed class AgiSessionTests
{
    private const string Environment =
        "agi_network: yes\nagi_network_script: route\nagi_request: agi://127.0.0.1:4573/route\nagi_channel: PJSIP/trunk-00000000\n" +
        "agi_uniqueid: 1795446336.0\nagi_callerid: +4930123456\nagi_dnid: 5551234\nagi_context: from-trunk\nagi_arg_1: 5551234\n\n";

    private sealed class RecordingResolver(AgiRouteAnswer answer) : IAgiRouteResolver
    {
        public List<AgiRequest> Requests { get; } = [];

        public Task<AgiRouteAnswer> ResolveAsync(AgiRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(answer);
        }
    }

    /// <summary>Plays Asterisk: sends the environment, answers each command with 200, returns what CtiCore wrote.</summary>
    private static async Task<string> RunAsync(AgiSession session, string environment, IPAddress peer, int replies = 2)
    {
        var toServer = new Pipe();
        var toPbx = new Pipe();
        var transport = new DuplexPipe(toServer.Reader, toPbx.Writer);
        var run = session.RunAsync(transport, peer, TestContext.Current.CancellationToken);
        await toServer.Writer.WriteAsync(Encoding.UTF8.GetBytes(environment), TestContext.Current.CancellationToken);
        var written = new StringBuilder();
        for (var reply = 0; reply < replies; reply++)
        {
            while (true)
            {
                var read = await toPbx.Reader.ReadAsync(TestContext.Current.CancellationToken);
                var text = Encoding.UTF8.GetString(read.Buffer.ToArray());
                var newline = text.IndexOf('\n', StringComparison.Ordinal);
                if (newline >= 0)
                {
                    written.Append(text[..(newline + 1)]);
                    toPbx.Reader.AdvanceTo(read.Buffer.GetPosition(Encoding.UTF8.GetByteCount(text[..(newline + 1)])));
                    break;
                }

                if (read.IsCompleted)
                {
                    toPbx.Reader.AdvanceTo(read.Buffer.End);
                    await toServer.Writer.CompleteAsync();
                    await run;
                    return written.ToString();
                }

                toPbx.Reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }

            await toServer.Writer.WriteAsync("200 result=1\n"u8.ToArray(), TestContext.Current.CancellationToken);
        }

        await run;
        await toServer.Writer.CompleteAsync();
        return written.ToString();
    }

    private static AgiSession NewSession(IAgiRouteResolver resolver)
        => new(resolver, new AsteriskTelephonyOptions(), new FakeTimeProvider(), NullLogger<AgiSession>.Instance);

    [Fact]
    public async Task A_route_request_is_answered_with_the_channel_variables_the_dialplan_reads()
    {
        var resolver = new RecordingResolver(AgiRouteAnswer.Dial("PJSIP/2001"));
        var written = await RunAsync(NewSession(resolver), Environment, IPAddress.Loopback);

        Assert.Equal("SET VARIABLE CTICORE_ACTION \"dial\"\nSET VARIABLE CTICORE_TARGET \"PJSIP/2001\"\n", written);
        var request = Assert.Single(resolver.Requests);
        Assert.Equal("1795446336.0", request.UniqueId);
    }

    [Fact]
    public async Task A_peer_that_is_not_a_configured_pbx_gets_nothing()
    {
        var resolver = new RecordingResolver(AgiRouteAnswer.Dial("PJSIP/2001"));
        var written = await RunAsync(NewSession(resolver), Environment, IPAddress.Parse("10.1.2.3"));
        Assert.Empty(written);
        Assert.Empty(resolver.Requests);
    }

    [Fact]
    public async Task A_malformed_environment_ends_the_session_without_asking_the_grains()
    {
        var resolver = new RecordingResolver(AgiRouteAnswer.Dial("PJSIP/2001"));
        var written = await RunAsync(NewSession(resolver), "agi_channel: a\u0007b\n\n", IPAddress.Loopback);
        Assert.Empty(written);
        Assert.Empty(resolver.Requests);
    }

    [Fact]
    public async Task An_unknown_script_falls_back()
    {
        var resolver = new RecordingResolver(AgiRouteAnswer.Dial("PJSIP/2001"));
        var written = await RunAsync(NewSession(resolver), Environment.Replace("script: route", "script: other", StringComparison.Ordinal), IPAddress.Loopback);
        Assert.StartsWith("SET VARIABLE CTICORE_ACTION \"fallback\"\n", written, StringComparison.Ordinal);
        Assert.Empty(resolver.Requests);
    }

    [Fact]
    public async Task Waiters_hand_the_answer_to_the_waiting_session_only()
    {
        var waiters = new AgiRouteWaiters();
        Assert.False(waiters.TryAnswer("1.1", AgiRouteAnswer.Dial("PJSIP/2001")));
        using (var lease = waiters.Wait("1.1"))
        {
            Assert.True(waiters.TryAnswer("1.1", AgiRouteAnswer.Dial("PJSIP/2001")));
            Assert.Equal("PJSIP/2001", (await lease.Answer).Target);
            Assert.False(waiters.TryAnswer("1.1", AgiRouteAnswer.Dial("PJSIP/2002")));
        }

        Assert.Equal(0, waiters.Count);
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
