using System.Net.Http.Json;
using System.Text.Json;
using CtiCore.Abstractions.Agents;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Routing;
using CtiCore.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.EndToEnd.Tests.Harness;

/// <summary>
/// Everything an end-to-end test needs, started once for the whole project (xUnit collection fixture): sipp phones for
/// two agents and for the far end of the trunk, the sandbox Asterisk configured to reach them, a TCP relay in front of
/// its AMI port (so a test can cut the link), and the real server with one department and the two agents signed in
/// and available. Reusable: a test suite that needs other agents or settings builds its own with
/// <see cref="StartAsync"/>'s pieces (<see cref="AsteriskSandbox"/>, <see cref="CtiServerHost"/>, <see cref="SippPhone"/>,
/// <see cref="SippCaller"/>).
/// </summary>
public sealed class EndToEndFixture : IAsyncLifetime
{
    /// <summary>The number callers dial (the department's number), as the trunk delivers it.</summary>
    public const string DialledNumber = "74951230000";

    public const string AgentPassword = "Agent-Passw0rd!";

    /// <summary>How long agent phones ring before answering: long enough for a caller to give up first.</summary>
    public static readonly TimeSpan AgentRingTime = TimeSpan.FromMilliseconds(1500);

    /// <summary>The far end of the trunk (the client on an outbound call) hangs up after this much talk.</summary>
    public static readonly TimeSpan FarEndTalkTime = TimeSpan.FromSeconds(2);

    private readonly List<IAsyncDisposable> _owned = [];

    public string WorkFolder { get; } = Path.Combine(Path.GetTempPath(), "cticore-e2e-" + Guid.NewGuid().ToString("N")[..8]);

    public AsteriskSandbox Asterisk { get; private set; } = null!;

    public TcpRelay AmiRelay { get; private set; } = null!;

    public CtiServerHost Server { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>The phone on the trunk's side: answers outbound calls as the client would.</summary>
    public SippPhone FarEnd { get; private set; } = null!;

    public IReadOnlyList<AgentSession> Agents { get; private set; } = [];

    public long DepartmentId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException("The end-to-end tests run Asterisk in a chroot and need root (CI runs as root).");
        }

        Directory.CreateDirectory(WorkFolder);
        var phones = new[] { ("anna", "Anna Agent", "2001"), ("boris", "Boris Agent", "2002") }
            .Select(a => (a.Item1, a.Item2, a.Item3, Phone: Own(SippPhone.Start(a.Item3, WorkFolder, AgentRingTime, TimeSpan.FromMinutes(2)))))
            .ToList();
        FarEnd = Own(SippPhone.Start("far-end", WorkFolder, TimeSpan.FromMilliseconds(300), FarEndTalkTime, scenario: "far-end"));

        var agiPort = EndToEndPorts.Next();
        Asterisk = await AsteriskSandbox.StartAsync(agiPort, FarEnd.Port, phones.ToDictionary(p => p.Item3, p => p.Phone.Port), WorkFolder);
        AmiRelay = Own(new TcpRelay(Asterisk.AmiPort));
        Server = Own(new CtiServerHost(Path.Combine(WorkFolder, "data"), agiPort, AmiRelay.Port, RecordingSettings(Asterisk)));
        Server.StartServer();
        (Admin, _) = await Server.LoginAsync(CtiServerHost.AdminLogin, CtiServerHost.AdminPassword);

        DepartmentId = (await PostAsync(Admin, "/api/departments", new
        {
            name = "Sales",
            numbers = new[] { "+" + DialledNumber },
            // No wrap-up pause between the scenarios' calls; a ring timeout well above the phones' ring time.
            routing = new { wrapUpSeconds = 0, ringTimeoutSeconds = 15, loadMetric = nameof(LoadMetric.LongestIdle) },
        })).GetProperty("id").GetInt64();

        var agents = new List<AgentSession>();
        foreach (var (login, name, extension, phone) in phones)
        {
            var id = (await PostAsync(Admin, "/api/users", new
            {
                login,
                displayName = name,
                password = AgentPassword,
                role = nameof(UserRole.Agent),
                departmentId = DepartmentId,
                endpoints = new[] { "PJSIP/" + extension },
                extension,
            })).GetProperty("id").GetInt64();
            var (api, token) = await Server.LoginAsync(login, AgentPassword);
            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(Server.BaseAddress, "/hubs/agent"), o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                })
                .Build();
            await hub.StartAsync();
            var session = new AgentSession(id, login, name, extension, phone, api, hub);
            agents.Add(session);
            _owned.Add(session);
            await session.SetAvailableAsync();
        }

        Agents = agents;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        if (Asterisk is not null)
        {
            await Asterisk.StopAsync();
        }

        // CTICORE_E2E_KEEP=1 keeps the sipp logs, server logs and database for a look after a failure.
        if (Environment.GetEnvironmentVariable("CTICORE_E2E_KEEP") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(WorkFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// Recording on: MixMonitor writes into the chroot's /var/spool/asterisk/monitor, which the server reaches through
    /// Recording:PathMap (the same setting a PBX on another host with a shared folder needs).
    /// </summary>
    private static Dictionary<string, string?> RecordingSettings(AsteriskSandbox asterisk) => new()
    {
        ["Recording:Enabled"] = "true",
        ["Recording:PathMap:/var/spool/asterisk/monitor"] = asterisk.HostPath("/var/spool/asterisk/monitor"),
        ["Recording:StopGrace"] = "00:00:05",
        ["Recording:LinkInterval"] = "00:00:00.500",
    };

    public AgentSession Agent(long id) => Agents.Single(a => a.Id == id);

    public Task<AgentView> AgentViewAsync(long id) => Server.Services.GetRequiredService<IGrainFactory>().GetGrain<IAgentGrain>(id).GetViewAsync();

    /// <summary>Waits until both agents are available again (their previous call and wrap-up are over).</summary>
    public Task AllAgentsAvailableAsync() => Eventually.HoldsAsync(async () =>
    {
        foreach (var agent in Agents)
        {
            if ((await AgentViewAsync(agent.Id)).Snapshot.Status != AgentStatus.Available)
            {
                return false;
            }
        }

        return true;
    }, TimeSpan.FromSeconds(30), "both agents available");

    public Task<SippResult> CallAsync(string callerNumber, TimeSpan talk)
        => SippCaller.CallAndTalkAsync(Asterisk.SipPort, WorkFolder, callerNumber, DialledNumber, talk);

    public Task<SippResult> CallAndAbandonAsync(string callerNumber, TimeSpan giveUpAfterRinging)
        => SippCaller.CallAndAbandonAsync(Asterisk.SipPort, WorkFolder, callerNumber, DialledNumber, giveUpAfterRinging);

    /// <summary>The logged calls matching <paramref name="filter"/>, once there are <paramref name="count"/> of them.</summary>
    public async Task<List<Interaction>> InteractionsAsync(System.Linq.Expressions.Expression<Func<Interaction, bool>> filter, int count = 1)
    {
        try
        {
            return await Eventually.GetAsync(async () =>
            {
                var found = await Server.QueryAsync(db => db.Interactions.AsNoTracking().Where(filter).OrderBy(i => i.Id).ToListAsync());
                return found.Count >= count ? found : null;
            }, TimeSpan.FromSeconds(30), $"{count} interaction(s) logged");
        }
        catch (TimeoutException timeout)
        {
            var all = await Server.QueryAsync(db => db.Interactions.AsNoTracking().OrderBy(i => i.Id).ToListAsync());
            var logged = string.Join("\n", all.Select(i => $"  {i.CallKey} {i.Direction} {i.Outcome} from {i.FromNumber} to {i.ToNumber} agent {i.AgentId} client {i.ClientId} '{i.RoutingReason}'"));
            throw new TimeoutException($"{timeout.Message}; logged so far:\n{logged}\n(work folder {WorkFolder})", timeout);
        }
    }

    /// <summary>Unique valid Russian mobile numbers for callers, so scenarios never see each other's clients.</summary>
    /// <param name="suffix">Digits the number ends with: "486" makes the far end busy, "408" makes it ring unanswered.</param>
    public static string NewCalledNumber(string suffix) =>
        "+7916" + Random.Shared.Next(1_000, 9_999).ToString(System.Globalization.CultureInfo.InvariantCulture) + suffix;

    public static string NewCallerNumber() => "+7916" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private T Own<T>(T resource)
        where T : IAsyncDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string uri, object body)
    {
        using var response = await client.PostAsJsonAsync(uri, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {uri} answered {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndGroup : ICollectionFixture<EndToEndFixture>
{
    public const string Name = "end to end: one Asterisk, one server, sequential scenarios";
}
