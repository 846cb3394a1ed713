using System.Globalization;
using System.Net;
using CtiCore.Domain.Crm;
using CtiCore.Server.FunctionalTests.Infrastructure;
using CtiCore.Sip.Endpoint;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Server.FunctionalTests;

/// <summary>
/// The built-in PBX inside the real server, driven by the real sipp: agents' phones register with their CRM
/// credentials, a trunk's call is routed by the grains to a registered phone and bridged, and the call is logged.
/// SIP and sipp ports come from this project's range (42000-44999, <see cref="FreePorts"/>).
/// </summary>
public sealed class SipPbxTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<HubConnection> _hubs = [];
    private CtiServerFactory _factory = null!;
    private HttpClient _admin = null!;
    private IPEndPoint _sip = null!;
    private string _dialled = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Sipp.Executable))
        {
            Assert.Fail("sipp is not installed (tools/install-deps.sh installs the sip-tester package).");
        }
        _factory = new CtiServerFactory(new Dictionary<string, string?>
        {
            ["Cti:Sip:Enabled"] = "true",
            ["Cti:Sip:Port"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Cti:Sip:DigestAlgorithms:0"] = "MD5", // sipp 3.6 answers MD5 challenges only.
        });
        _admin = await _factory.AdminAsync();
        _sip = _factory.Services.GetRequiredService<SipEndpoint>().UdpEndPoint ?? throw new InvalidOperationException("the built-in PBX is not listening");
        _dialled = Digits(Crm.MoscowNumber());
        var department = (await _admin.PostOkAsync("/api/departments", new { name = "Sales", numbers = new[] { _dialled }, routing = new { ringTimeoutSeconds = 5 } })).Id();
        foreach (var (login, extension) in new[] { ("sip.anna", "3101"), ("sip.boris", "3102") })
        {
            await _admin.PostOkAsync("/api/users", new { login, displayName = login, password = Crm.AgentPassword, role = "Agent", departmentId = department, extension, endpoints = new[] { "SIP/" + extension } });
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hub in _hubs)
        {
            await hub.DisposeAsync();
        }
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task Register_without_credentials_is_challenged_then_accepted_with_the_crm_password()
    {
        var (code, output) = await RegisterAsync("sip.anna", Crm.AgentPassword, FreePorts.Next(), "agent-register.xml");
        Assert.True(code == 0, output);
        Assert.Single(Registrar.GetBindingsForUser("sip.anna"));
    }

    [Fact]
    public async Task Register_by_extension_with_the_crm_password_is_accepted()
    {
        var (code, output) = await RegisterAsync("3102", Crm.AgentPassword, FreePorts.Next(), "agent-register.xml");
        Assert.True(code == 0, output);
        Assert.Single(Registrar.GetBindingsForUser("3102"));
    }

    [Fact]
    public async Task Register_with_a_wrong_password_is_refused_with_403()
    {
        var (code, output) = await RegisterAsync("sip.anna", "not-the-password", FreePorts.Next(), "agent-register-refused.xml");
        Assert.True(code == 0, output);
        Assert.Empty(Registrar.GetBindingsForUser("sip.anna"));
    }

    [Fact]
    public async Task Trunk_call_is_routed_to_the_registered_agent_answered_hung_up_and_logged()
    {
        var phonePort = FreePorts.Next();
        var phone = Sipp.StartAsync(null, phonePort, ["-sf", Sipp.Scenario("phone-answer.xml")], Ct);
        Assert.Equal(0, (await RegisterAsync("sip.anna", Crm.AgentPassword, phonePort, "agent-register.xml")).ExitCode);
        await AvailableAsync("sip.anna");

        var caller = Digits(Crm.MoscowNumber());
        var (code, output) = await CallAsync("trunk-call.xml", caller);
        Assert.True(code == 0, output);
        var (phoneCode, phoneOutput) = await phone;
        Assert.True(phoneCode == 0, phoneOutput);

        var interaction = await InteractionAsync(caller);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal(await UserIdAsync("sip.anna"), interaction.AgentId);
        Assert.NotNull(interaction.AnsweredAt);
    }

    [Fact]
    public async Task Caller_cancelling_while_the_agent_rings_is_an_abandoned_call()
    {
        var phonePort = FreePorts.Next();
        var phone = Sipp.StartAsync(null, phonePort, ["-sf", Sipp.Scenario("phone-ring-cancel.xml")], Ct);
        Assert.Equal(0, (await RegisterAsync("sip.anna", Crm.AgentPassword, phonePort, "agent-register.xml")).ExitCode);
        await AvailableAsync("sip.anna");

        var caller = Digits(Crm.MoscowNumber());
        var (code, output) = await CallAsync("trunk-cancel.xml", caller);
        Assert.True(code == 0, output);
        var (phoneCode, phoneOutput) = await phone;
        Assert.True(phoneCode == 0, phoneOutput);

        var interaction = await InteractionAsync(caller);
        Assert.Equal(CallOutcome.Abandoned, interaction.Outcome);
        Assert.Null(interaction.AnsweredAt);
    }

    [Fact]
    public async Task A_busy_agent_486_moves_the_call_to_the_next_agent()
    {
        // Anna is made available first, so she has waited longest and is rung first; her phone is busy.
        var busyPort = FreePorts.Next();
        var busy = Sipp.StartAsync(null, busyPort, ["-sf", Sipp.Scenario("phone-busy.xml")], Ct);
        Assert.Equal(0, (await RegisterAsync("sip.anna", Crm.AgentPassword, busyPort, "agent-register.xml")).ExitCode);
        await AvailableAsync("sip.anna");
        await Task.Delay(TimeSpan.FromMilliseconds(50), Ct);
        var answerPort = FreePorts.Next();
        var answer = Sipp.StartAsync(null, answerPort, ["-sf", Sipp.Scenario("phone-answer.xml")], Ct);
        Assert.Equal(0, (await RegisterAsync("3102", Crm.AgentPassword, answerPort, "agent-register.xml")).ExitCode);
        await AvailableAsync("sip.boris");

        var caller = Digits(Crm.MoscowNumber());
        var (code, output) = await CallAsync("trunk-call.xml", caller);
        Assert.True(code == 0, output);
        var (busyCode, busyOutput) = await busy;
        Assert.True(busyCode == 0, busyOutput);
        var (answerCode, answerOutput) = await answer;
        Assert.True(answerCode == 0, answerOutput);

        var interaction = await InteractionAsync(caller);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal(await UserIdAsync("sip.boris"), interaction.AgentId);
    }

    /// <summary>A SIP URI user part: "+7 495 123-45-67" → "+74951234567".</summary>
    private static string Digits(string number) => "+" + string.Concat(number.Where(char.IsAsciiDigit));

    private CtiCore.Sip.Registrar.SipRegistrar Registrar => _factory.Services.GetRequiredService<SipEndpoint>().Registrar;

    private Task<(int ExitCode, string Output)> RegisterAsync(string user, string password, int phonePort, string scenario) =>
        Sipp.StartAsync(_sip, FreePorts.Next(), ["-sf", Sipp.Scenario(scenario), "-s", user, "-au", user, "-ap", password, "-key", "phone_port", phonePort.ToString(CultureInfo.InvariantCulture)], Ct);

    private Task<(int ExitCode, string Output)> CallAsync(string scenario, string caller) =>
        Sipp.StartAsync(_sip, FreePorts.Next(), ["-sf", Sipp.Scenario(scenario), "-s", _dialled, "-key", "caller", caller, "-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture)], Ct);

    private async Task AvailableAsync(string login)
    {
        var token = await _factory.TokenAsync(login, Crm.AgentPassword);
        var hub = _factory.Hub("/hubs/agent", token);
        _hubs.Add(hub);
        await hub.StartAsync(Ct);
        await hub.InvokeAsync("SetAvailable", Ct);
    }

    private async Task<long> UserIdAsync(string login)
    {
        long id = 0;
        await _factory.WithDbAsync(async db => id = await db.Users.Where(u => u.Login == login).Select(u => u.Id).SingleAsync(Ct));
        return id;
    }

    /// <summary>The call grain logs the call once it ended; poll for it (the journal write follows the BYE).</summary>
    private async Task<Interaction> InteractionAsync(string caller)
    {
        var digits = caller.TrimStart('+');
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            Interaction? found = null;
            await _factory.WithDbAsync(async db => found = (await db.Interactions.AsNoTracking().ToListAsync(Ct))
                .FirstOrDefault(i => i.FromNumber is { } from && from.TrimStart('+') == digits && i.EndedAt is not null));
            if (found is not null)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline, "no Interaction was logged for the call");
            await Task.Delay(200, Ct);
        }
    }
}
