using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CtiCore.Domain.Crm;
using CtiCore.Sip.Rtp;
using CtiCore.Softphone.Tests.Harness;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Softphone.Tests;

/// <summary>
/// A real softphone on the built-in PBX: baresip registers with an agent's CRM credentials and answers at once; sipp,
/// as the trunk, calls the department's number and plays G.711 audio; the call reaches baresip through the B2BUA,
/// audio flows both ways through the RTP relay, and the call is logged as answered by that agent.
/// </summary>
public sealed partial class BaresipAgentTests : IAsyncLifetime
{
    private const string Login = "bs.anna";
    private const string Password = "Agent-Passw0rd!";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly string[] AgentEndpoints = ["SIP/4101"];

    private readonly List<HubConnection> _hubs = [];
    private readonly List<Baresip> _phones = [];
    private SoftphoneServer _server = null!;
    private string _dialled = null!;
    private long _agentId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        foreach (var tool in new[] { Baresip.Executable, Sipp.Executable, Sipp.G711aCapture })
        {
            Assert.True(File.Exists(tool), $"{tool} is missing (tools/install-deps.sh installs the baresip and sip-tester packages).");
        }
        _server = new SoftphoneServer();
        using var admin = await _server.AdminAsync();
        _dialled = "+7495" + Random.Shared.Next(2_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        var department = await PostAsync(admin, "/api/departments", new { name = "Softphones", numbers = new[] { _dialled }, routing = new { ringTimeoutSeconds = 20 } });
        var agent = await PostAsync(admin, "/api/users", new { login = Login, displayName = "Anna", password = Password, role = "Agent", departmentId = department.GetProperty("id").GetInt64(), extension = "4101", endpoints = AgentEndpoints });
        _agentId = agent.GetProperty("id").GetInt64();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hub in _hubs)
        {
            await hub.DisposeAsync();
        }
        foreach (var phone in _phones)
        {
            await phone.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Trunk_call_is_answered_by_baresip_with_audio_both_ways_through_the_relay_and_logged()
    {
        var phone = await StartPhoneAsync(Password);
        Assert.StartsWith("200", await phone.RegistrationOutcomeAsync(Patience, Ct), StringComparison.Ordinal);
        var binding = Assert.Single(_server.Registrar.GetBindingsForUser(Login));
        Assert.Equal(phone.SipPort, binding.Contact.Uri?.Port);
        await AvailableAsync();

        var caller = "+7495" + Random.Shared.Next(2_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        var trunk = Sipp.RunAsync(_server.SipEndPoint, "trunk-call-audio.xml", ["-s", _dialled, "-key", "caller", caller], Ct);

        var established = await phone.Control.WaitForAsync("CALL_ESTABLISHED", Patience, Ct);
        Assert.Contains(caller.TrimStart('+'), established.PeerUri ?? established.Json, StringComparison.Ordinal);
        var (code, output) = await trunk;
        Assert.True(code == 0, output);
        await phone.Control.WaitForAsync("CALL_CLOSED", Patience, Ct);

        // The phone was sent the relay's address, not the trunk's, and heard the trunk from there.
        var heardFrom = ReceivingFrom().Match(phone.Output);
        Assert.True(heardFrom.Success, "baresip received no RTP: " + phone.Output);
        Assert.InRange(int.Parse(heardFrom.Groups["port"].Value, CultureInfo.InvariantCulture), SoftphonePorts.RelayFirst, SoftphonePorts.RelayLast);

        var interaction = await InteractionAsync(caller);
        Assert.Equal(CallOutcome.Answered, interaction.Outcome);
        Assert.Equal(_agentId, interaction.AgentId);
        Assert.NotNull(interaction.AnsweredAt);

        // Every packet of the trunk's capture reached the relay and was passed on to the phone; the phone's tone came
        // back and was passed on to the trunk. The relay's final counts of the call, by its key.
        var media = await ClosedMediaAsync(interaction.CallKey);
        var played = Sipp.PacketsIn(Sipp.G711aCapture);
        Assert.Equal(played, media.Caller.PacketsReceived);
        Assert.Equal(played, media.Caller.PacketsForwarded);
        Assert.True(media.Agent.PacketsReceived > 0, "the relay received nothing from baresip");
        Assert.True(media.Agent.PacketsForwarded > 0, "the relay passed nothing from baresip on to the trunk");
    }

    [Fact]
    public async Task Baresip_registering_with_a_wrong_password_is_refused()
    {
        var phone = await StartPhoneAsync("not-the-password");
        var outcome = await phone.RegistrationOutcomeAsync(Patience, Ct);
        Assert.StartsWith("403", outcome, StringComparison.Ordinal);
        Assert.Empty(_server.Registrar.GetBindingsForUser(Login));
    }

    private async Task<Baresip> StartPhoneAsync(string password)
    {
        var phone = await Baresip.StartAsync(Path.Combine(_server.Folder, "baresip-" + _phones.Count.ToString(CultureInfo.InvariantCulture)), _server.SipEndPoint, Login, password, Ct);
        _phones.Add(phone);
        return phone;
    }

    private async Task AvailableAsync()
    {
        var hub = _server.AgentHub(await _server.TokenAsync(Login, Password));
        _hubs.Add(hub);
        await hub.StartAsync(Ct);
        await hub.InvokeAsync("SetAvailable", Ct);
    }

    /// <summary>The relay's counts are final once the call's media closed, just after the BYE; poll until then.</summary>
    private async Task<RtpSessionCounters> ClosedMediaAsync(string callKey)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var counters = _server.MediaCounters(callKey);
            Assert.True(counters is not null, $"the relay knows no media of call {callKey}");
            if (counters.Value.Closed)
            {
                return counters.Value;
            }
            Assert.True(DateTime.UtcNow < deadline, "the call's media never closed: " + _server.ReadLogs());
            await Task.Delay(200, Ct);
        }
    }

    /// <summary>The call grain logs the call once it ended; poll for it (the journal write follows the BYE).</summary>
    private async Task<Interaction> InteractionAsync(string caller)
    {
        var digits = caller.TrimStart('+');
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var found = (await _server.QueryAsync(db => db.Interactions.AsNoTracking().ToListAsync(Ct)))
                .FirstOrDefault(i => i.FromNumber is { } from && from.TrimStart('+') == digits && i.EndedAt is not null);
            if (found is not null)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline, "no Interaction was logged for the call");
            await Task.Delay(200, Ct);
        }
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string uri, object body)
    {
        using var response = await client.PostAsJsonAsync(uri, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"POST {uri} answered {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    // baresip: "stream: incoming rtp for 'audio' established, receiving from 127.0.0.1:46904"
    [GeneratedRegex(@"incoming rtp for 'audio' established, receiving from 127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ReceivingFrom();
}
