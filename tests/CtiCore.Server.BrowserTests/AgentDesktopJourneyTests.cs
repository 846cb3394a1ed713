using CtiCore.Abstractions.Telephony;
using CtiCore.Domain.Telephony;
using CtiCore.Server.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CtiCore.Server.BrowserTests;

/// <summary>
/// The agent's day in Debian's Chromium: sign in, go available, get the pop of an offered call while it rings,
/// answer and hang up (PBX-neutral events injected into the grains' dispatcher), wrap up, and find the
/// Interaction in the client's history; meanwhile the supervisor console shows the agent's state changes.
/// The server runs on Kestrel on a free port: a browser cannot reach the in-memory TestServer.
/// </summary>
public sealed class AgentDesktopJourneyTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string[] ChromiumFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ];

    private readonly CtiServerFactory _factory = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _baseUrl = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            return;
        }

        var port = FreePorts.Next();
        _factory.UseKestrel(port);
        _factory.StartServer();
        _baseUrl = $"http://127.0.0.1:{port}";
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ChromiumFlags });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Agent_gets_the_pop_answers_hangs_up_wraps_up_and_sees_the_interaction_while_the_supervisor_watches()
    {
        if (_browser is null)
        {
            Assert.Skip($"{Chromium} is not installed (tools/install-deps.sh installs it).");
        }

        var admin = await _factory.AdminAsync();
        var salesNumber = Crm.MoscowNumber();
        var sales = (await admin.PostOkAsync("/api/departments", new { name = "Sales", numbers = new[] { salesNumber } })).Id();
        var manager = (await admin.PostOkAsync("/api/users", new { login = "irina", displayName = "Irina Petrova", password = Crm.AgentPassword, role = "Agent", departmentId = sales, extension = "3001" })).Id();
        await Crm.UserAsync(admin, "sveta", "Supervisor", sales);
        var clientPhone = Crm.MoscowNumber();
        var client = await admin.PostOkAsync("/api/clients", new
        {
            name = "Vostok Logistics",
            segment = "Key account",
            region = "Primorsky Krai",
            timeZone = "Asia/Vladivostok",
            responsibleManagerId = manager,
            phones = new[] { new { number = clientPhone } },
        });

        // The supervisor watches first.
        await using var supervisorContext = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
        var console = await supervisorContext.NewPageAsync();
        await SignInAsync(console, "sveta");
        await console.WaitForURLAsync("**/supervisor.html");
        var agentRow = console.Locator("tr[data-agent]", new PageLocatorOptions { HasText = "Irina Petrova" });
        await Assertions.Expect(agentRow).ToContainTextAsync("LoggedOut");

        await using var agentContext = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var desk = await agentContext.NewPageAsync();
        await SignInAsync(desk, "irina");
        await desk.WaitForURLAsync("**/agent.html");
        await Assertions.Expect(desk.Locator("#conn")).ToHaveTextAsync("online");
        await desk.ClickAsync("#go-available");
        await Assertions.Expect(desk.Locator("#status")).ToHaveTextAsync("Available");
        await Assertions.Expect(agentRow).ToContainTextAsync("Available");

        // The call is offered: the pop arrives while the phone rings.
        await PublishAsync(new CallOffered { EventId = "c1:offered", Source = "test", Sequence = 1, OccurredAt = DateTimeOffset.UtcNow, CallId = "c1", CallerNumber = clientPhone, DialledNumber = salesNumber });
        await Assertions.Expect(desk.Locator("#call-stage")).ToHaveTextAsync("ringing");
        await Assertions.Expect(desk.Locator("#call-who")).ToHaveTextAsync("Vostok Logistics");
        await Assertions.Expect(desk.Locator("#call-facts")).ToContainTextAsync("Irina Petrova");
        await Assertions.Expect(desk.Locator("#call-facts")).ToContainTextAsync("Asia/Vladivostok");
        await Screenshot(desk, "agent-1-ringing-pop");

        // Without a PBX adapter every control is offered; the answer goes to the PBX port, which confirms below.
        await desk.ClickAsync("#answer");
        await Assertions.Expect(desk.Locator("#call-error")).ToHaveTextAsync(string.Empty);

        await PublishAsync(new CallAnswered { EventId = "c1:answered", Source = "test", Sequence = 2, OccurredAt = DateTimeOffset.UtcNow, CallId = "c1", Endpoint = "3001" });
        await Assertions.Expect(desk.Locator("#call-stage")).ToHaveTextAsync("talking");
        await Assertions.Expect(agentRow).ToContainTextAsync("OnCall");
        await Screenshot(console, "supervisor-agent-on-call");

        // Hold and resume: the buttons send the commands; the pop follows the PBX's confirmations.
        await Assertions.Expect(desk.Locator("#answer")).ToBeHiddenAsync();
        await desk.ClickAsync("#hold");
        await Assertions.Expect(desk.Locator("#call-error")).ToHaveTextAsync(string.Empty);
        await PublishAsync(new CallHeld { EventId = "c1:held", Source = "test", Sequence = 3, OccurredAt = DateTimeOffset.UtcNow, CallId = "c1" });
        await Assertions.Expect(desk.Locator("#call-held")).ToBeVisibleAsync();
        await Assertions.Expect(desk.Locator("#resume")).ToBeVisibleAsync();
        await Assertions.Expect(desk.Locator("#hold")).ToBeHiddenAsync();
        await Screenshot(desk, "agent-1b-on-hold");
        await desk.ClickAsync("#resume");
        await PublishAsync(new CallResumed { EventId = "c1:resumed", Source = "test", Sequence = 4, OccurredAt = DateTimeOffset.UtcNow, CallId = "c1" });
        await Assertions.Expect(desk.Locator("#call-held")).ToBeHiddenAsync();
        await Assertions.Expect(desk.Locator("#hold")).ToBeVisibleAsync();

        await PublishAsync(new CallEnded { EventId = "c1:ended", Source = "test", Sequence = 5, OccurredAt = DateTimeOffset.UtcNow, CallId = "c1", Cause = CallEndCause.CallerHungUp });
        await Assertions.Expect(desk.Locator("#call-stage")).ToHaveTextAsync("ended");
        await Assertions.Expect(desk.Locator("#wrapup")).ToBeVisibleAsync();

        await desk.SelectOptionAsync("#wrapup-disposition", "Order");
        await desk.FillAsync("#wrapup-notes", "Ordered 20 pallets for Vladivostok");
        await desk.FillAsync("#wrapup-task", "Send the invoice");
        await Screenshot(desk, "agent-2-wrap-up");
        await desk.ClickAsync("#wrapup-submit");
        await Assertions.Expect(desk.Locator("#wrapup-error")).ToHaveTextAsync(string.Empty);
        await Assertions.Expect(desk.Locator("#wrapup")).ToBeHiddenAsync();

        var history = desk.Locator("#client-history");
        await Assertions.Expect(history).ToContainTextAsync("Ordered 20 pallets for Vladivostok");
        await Assertions.Expect(history).ToContainTextAsync("Order");
        await Assertions.Expect(desk.Locator("#fig-calls")).ToHaveTextAsync("1");
        await Screenshot(desk, "agent-3-history");
        await Screenshot(console, "supervisor-console");
        Assert.True(client.Id() > 0);

        // A second caller: Irina's phone answers busy (in use for something else). She stays available, nothing is
        // offered to her for the department's cool-down, and the supervisor's row says so and until when.
        // The department's 10 s of wrap-up end on their own.
        await Assertions.Expect(agentRow).ToContainTextAsync("Available", new LocatorAssertionsToContainTextOptions { Timeout = 60_000 });
        await PublishAsync(new CallOffered { EventId = "c2:offered", Source = "test", Sequence = 1, OccurredAt = DateTimeOffset.UtcNow, CallId = "c2", CallerNumber = Crm.MoscowNumber(), DialledNumber = salesNumber });
        await Assertions.Expect(desk.Locator("#call-stage")).ToHaveTextAsync("ringing");
        await PublishAsync(new CallRingFailed { EventId = "c2:ringfailed", Source = "test", Sequence = 2, OccurredAt = DateTimeOffset.UtcNow, CallId = "c2", Cause = CallEndCause.Busy, Reason = RingFailureReason.Busy, PbxCauseCode = 486 });
        await Assertions.Expect(agentRow.Locator("[data-cooldown]")).ToContainTextAsync("phone busy, no calls until");
        await Assertions.Expect(agentRow).ToContainTextAsync("Available");
        await Screenshot(console, "supervisor-busy-cool-down");
    }

    private async Task SignInAsync(IPage page, string login)
    {
        await page.GotoAsync(_baseUrl + "/");
        await page.FillAsync("#login-name", login);
        await page.FillAsync("#login-password", Crm.AgentPassword);
        await page.ClickAsync("#login-submit");
    }

    private Task PublishAsync(TelephonyEvent telephonyEvent) =>
        _factory.Services.GetRequiredService<ITelephonyEventSink>().PublishAsync(telephonyEvent, Ct);

    private static async Task Screenshot(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CtiCore.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? AppContext.BaseDirectory;
    }
}
