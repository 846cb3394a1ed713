using CtiCore.Sip.Endpoint;
using CtiCore.Sip.Messages;
using CtiCore.Sip.Tests.Support;

namespace CtiCore.Sip.Tests.Integration;

/// <summary>The endpoint on real sockets, driven by the real sipp: REGISTER with digest, OPTIONS, INVITE/ACK/BYE, CANCEL.</summary>
public sealed class SippIntegrationTests : IAsyncLifetime
{
    private readonly AnsweringHandler _handler = new();
    private readonly RecordingLogger<SipEndpoint> _logger = new();
    private SipEndpoint _endpoint = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(SippRunner.Executable))
        {
            Assert.Skip("sipp is not installed (tools/install-deps.sh installs the sip-tester package).");
        }
        var options = new SipEndpointOptions { Port = 0 };
        options.DigestAlgorithms.Remove("SHA-256"); // sipp 3.6 answers MD5 challenges only.
        _endpoint = new SipEndpoint(options, _handler, user => user == "alice" ? "secret" : null, TimeProvider.System, _logger);
        await _endpoint.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_endpoint is not null)
        {
            await _endpoint.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("u1")]
    [InlineData("t1")]
    public async Task Register_with_digest_authentication(string transport)
    {
        var (code, output) = await SippRunner.RunAsync(_endpoint.UdpEndPoint!, transport, "alice", ["-sf", SippRunner.ScenarioPath("register-digest.xml")], cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(code == 0, output);
        var binding = Assert.Single(_endpoint.Registrar.GetBindings("sip:alice@127.0.0.1"));
        Assert.Equal("127.0.0.1", binding.Contact.Uri!.Host);
        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public async Task Register_with_a_wrong_password_is_not_bound()
    {
        var (code, _) = await SippRunner.RunAsync(_endpoint.UdpEndPoint!, "u1", "bob", ["-sf", SippRunner.ScenarioPath("register-digest.xml")], cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(0, code);
        Assert.Empty(_endpoint.Registrar.GetBindings("sip:bob@127.0.0.1"));
    }

    [Fact]
    public async Task Options_is_answered()
    {
        var (code, output) = await SippRunner.RunAsync(_endpoint.UdpEndPoint!, "u1", "uas", ["-sf", SippRunner.ScenarioPath("options.xml")], cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(code == 0, output);
    }

    [Theory]
    [InlineData("u1")]
    [InlineData("t1")]
    public async Task Uac_invite_is_answered_acknowledged_and_hung_up(string transport)
    {
        var (code, output) = await SippRunner.RunAsync(_endpoint.UdpEndPoint!, transport, "uas", ["-sn", "uac"], calls: 3, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(code == 0, output);
        Assert.Equal(3, _handler.Acks.Count);
        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public async Task Cancel_ends_a_ringing_invite_with_487()
    {
        var (code, output) = await SippRunner.RunAsync(_endpoint.UdpEndPoint!, "u1", "cancel", ["-sf", SippRunner.ScenarioPath("cancel.xml")], cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(code == 0, output);
        Assert.Single(_handler.Cancelled);
        Assert.Equal(SipMethod.Invite, _handler.Cancelled[0].Message.Method);
    }
}
