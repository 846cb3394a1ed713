using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CtiCore.Abstractions.Telephony;
using CtiCore.Domain.Telephony;
using CtiCore.Server.FunctionalTests.Infrastructure;
using CtiCore.Server.Webhooks;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Server.FunctionalTests;

/// <summary>
/// Outgoing webhooks over the real server and a real HTTP receiver (Kestrel on loopback): signed bodies,
/// retries after failures, the delivery log, URL rules, admin-only management, and outbox durability.
/// </summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "whsec-0123456789abcdef";
    private const int MaxAttempts = 4;
    private static readonly string[] EndedOnly = ["call.ended"];
    private static readonly string[] Exploded = ["call.exploded"];
    private static readonly string[] AllTypes = ["call.offered", "call.answered", "call.ended"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Cti:Webhooks:InitialBackoff"] = "00:00:00.050",
        ["Cti:Webhooks:MaxBackoff"] = "00:00:00.400",
        ["Cti:Webhooks:PollInterval"] = "00:00:00.200",
        ["Cti:Webhooks:MaxAttempts"] = MaxAttempts.ToString(CultureInfo.InvariantCulture),
    };

    private readonly CtiServerFactory _factory = new(FastRetries);
    private WebhookReceiver _receiver = null!;
    private HttpClient _admin = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _admin = await _factory.AdminAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Call_events_reach_the_receiver_signed_and_filtered_by_department()
    {
        var number = Crm.MoscowNumber();
        var sales = (await _admin.PostOkAsync("/api/departments", new { name = "Sales", numbers = new[] { number } })).Id();
        var support = await Crm.DepartmentAsync(_admin, "Support");
        await _admin.PostOkAsync("/api/users", new { login = "wh.agent", displayName = "Vera", password = Crm.AgentPassword, role = "Agent", departmentId = sales, extension = "3001" });
        var salesHook = await CreateAsync(_receiver.Url("/sales"), sales);
        var supportHook = await CreateAsync(_receiver.Url("/support"), support);

        var token = await _factory.TokenAsync("wh.agent", Crm.AgentPassword);
        await using var agent = _factory.Hub("/hubs/agent", token);
        var callId = "wh-" + Guid.NewGuid().ToString("N");
        var ringing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.On<JsonElement>("Pop", pop =>
        {
            if (pop.GetProperty("callId").GetString() == callId)
            {
                ringing.TrySetResult();
            }
        });
        await agent.StartAsync(Ct);
        await agent.InvokeAsync("SetAvailable", Ct);

        var callerNumber = Crm.MoscowNumber();
        await PublishAsync(new CallOffered { EventId = callId + ":offered", Source = "test", Sequence = 1, OccurredAt = DateTimeOffset.UtcNow, CallId = callId, CallerNumber = callerNumber, DialledNumber = number });
        await _receiver.WaitForAsync(r => r.Any(w => w.Event == "call.offered"), Patience, Ct);
        // The answer must come after the router has put the call on this agent's phone, as a PBX's would; the
        // offered webhook fires before routing is done.
        await ringing.Task.WaitAsync(Patience, Ct);
        await PublishAsync(new CallAnswered { EventId = callId + ":answered", Source = "test", Sequence = 3, OccurredAt = DateTimeOffset.UtcNow, CallId = callId, Endpoint = "3001" });
        await PublishAsync(new CallEnded { EventId = callId + ":ended", Source = "test", Sequence = 4, OccurredAt = DateTimeOffset.UtcNow, CallId = callId, Cause = CallEndCause.CallerHungUp });

        var received = await _receiver.WaitForAsync(r => r.Count(w => w.Path == "/sales") >= 3, Patience, Ct);
        var sent = received.Where(w => w.Path == "/sales").ToList();
        Assert.Equal(["call.answered", "call.ended", "call.offered"], sent.Select(w => w.Event).Order());
        foreach (var webhook in sent)
        {
            // Verified the way a receiver would, with its own HMAC: over "timestamp.body".
            Assert.Equal(ExpectedSignature(Secret, webhook.Timestamp, webhook.Body), webhook.Signature);

            // A replayed body with a fresh timestamp does not verify.
            var later = (long.Parse(webhook.Timestamp, CultureInfo.InvariantCulture) + 600).ToString(CultureInfo.InvariantCulture);
            Assert.NotEqual(ExpectedSignature(Secret, later, webhook.Body), webhook.Signature);

            using var body = JsonDocument.Parse(webhook.Body);
            Assert.Equal(webhook.Event, body.RootElement.GetProperty("type").GetString());
            Assert.Equal(callId, body.RootElement.GetProperty("call").GetProperty("callId").GetString());
            Assert.Equal(sales, body.RootElement.GetProperty("call").GetProperty("departmentId").GetInt64());
            Assert.DoesNotContain(Secret, webhook.Body, StringComparison.Ordinal);
        }

        var ended = JsonDocument.Parse(sent.Single(w => w.Event == "call.ended").Body).RootElement.GetProperty("call");
        Assert.Equal("answered", ended.GetProperty("outcome").GetString());

        // The receiver sees a webhook before the dispatcher has recorded the 200 it answered.
        var log = await DeliveriesAsync(salesHook);
        for (var wait = 0; wait < 600 && !log.EnumerateArray().All(d => d.GetProperty("state").GetString() == "Delivered"); wait++)
        {
            await Task.Delay(100, Ct);
            log = await DeliveriesAsync(salesHook);
        }

        Assert.Equal(3, log.GetArrayLength());
        Assert.All(log.EnumerateArray(), d => Assert.Equal("Delivered", d.GetProperty("state").GetString()));

        // The other department's subscriber heard nothing.
        Assert.Equal(0, (await DeliveriesAsync(supportHook)).GetArrayLength());
        Assert.DoesNotContain(received, w => w.Path == "/support");
        Assert.DoesNotContain(Secret, _factory.ReadLogs(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_deliveries_are_retried_with_backoff_and_every_attempt_is_logged()
    {
        _receiver.Answer("/flaky", 500, 503);
        var flaky = await CreateAsync(_receiver.Url("/flaky"), departmentId: null);
        var unreachable = await CreateAsync($"http://127.0.0.1:{FreePorts.Next().ToString(CultureInfo.InvariantCulture)}/down", departmentId: null);

        EnqueueEnded("retry-" + Guid.NewGuid().ToString("N"));

        var flakyLog = await WaitForDeliveryAsync(flaky, "Delivered");
        var attempts = flakyLog.GetProperty("attemptLog").EnumerateArray().ToList();
        Assert.Equal([500, 503, 200], attempts.Select(a => a.GetProperty("statusCode").GetInt32()));
        Assert.Equal([1, 2, 3], attempts.Select(a => a.GetProperty("number").GetInt32()));
        Assert.All(attempts.Take(2), a => Assert.StartsWith("HTTP 5", a.GetProperty("error").GetString(), StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, attempts[2].GetProperty("error").ValueKind);
        Assert.All(attempts, a => Assert.True(a.GetProperty("durationMs").GetInt32() >= 0));

        // Backoff: every retry started after the previous attempt.
        var starts = attempts.Select(a => a.GetProperty("startedAt").GetDateTimeOffset()).ToList();
        Assert.True(starts[0] < starts[1] && starts[1] < starts[2], string.Join(", ", starts));

        // Every attempt carried the same body and delivery id, freshly signed.
        var posts = _receiver.Received.Where(w => w.Path == "/flaky").ToList();
        Assert.Equal(3, posts.Count);
        Assert.Single(posts.Select(p => p.Body).Distinct());
        Assert.Single(posts.Select(p => p.Delivery).Distinct());
        Assert.All(posts, p => Assert.Equal(ExpectedSignature(Secret, p.Timestamp, p.Body), p.Signature));

        // A receiver that never answers: MaxAttempts attempts, no status code, then Failed.
        var downLog = await WaitForDeliveryAsync(unreachable, "Failed");
        var downAttempts = downLog.GetProperty("attemptLog").EnumerateArray().ToList();
        Assert.Equal(MaxAttempts, downAttempts.Count);
        Assert.All(downAttempts, a => Assert.Equal(JsonValueKind.Null, a.GetProperty("statusCode").ValueKind));
        Assert.All(downAttempts, a => Assert.False(string.IsNullOrEmpty(a.GetProperty("error").GetString())));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/hook")]
    [InlineData("not a url")]
    [InlineData("http://user:password@127.0.0.1/hook")]
    public async Task Only_absolute_http_or_https_urls_are_accepted(string url)
    {
        using var response = await _admin.PostAsJsonAsync("/api/webhooks", new { url, secret = Secret, eventTypes = EndedOnly }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), problem.ToString());
    }

    [Fact]
    public async Task The_secret_is_checked_and_never_returned()
    {
        using (var shortSecret = await _admin.PostAsJsonAsync("/api/webhooks", new { url = _receiver.Url("/x"), secret = "short", eventTypes = EndedOnly }, Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, shortSecret.StatusCode);
        }

        using (var unknownType = await _admin.PostAsJsonAsync("/api/webhooks", new { url = _receiver.Url("/x"), secret = Secret, eventTypes = Exploded }, Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknownType.StatusCode);
        }

        using var created = await _admin.PostAsJsonAsync("/api/webhooks", new { url = _receiver.Url("/x"), secret = Secret, eventTypes = EndedOnly }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadJsonAsync()).Id();
        Assert.DoesNotContain(Secret, await created.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, await _admin.GetStringAsync(new Uri("/api/webhooks", UriKind.Relative), Ct), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, await _admin.GetStringAsync(new Uri($"/api/webhooks/{id}", UriKind.Relative), Ct), StringComparison.Ordinal);

        // An update without a secret keeps the old one: the next delivery still verifies with it.
        using var updated = await _admin.PutAsJsonAsync($"/api/webhooks/{id}", new { url = _receiver.Url("/kept"), eventTypes = EndedOnly }, Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        EnqueueEnded("kept-" + Guid.NewGuid().ToString("N"));
        var kept = (await _receiver.WaitForAsync(r => r.Any(w => w.Path == "/kept"), Patience, Ct)).First(w => w.Path == "/kept");
        Assert.Equal(ExpectedSignature(Secret, kept.Timestamp, kept.Body), kept.Signature);
    }

    [Fact]
    public async Task Only_admins_manage_webhooks()
    {
        using var anonymous = _factory.CreateClient();
        using (var response = await anonymous.GetAsync(new Uri("/api/webhooks", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var department = await Crm.DepartmentAsync(_admin, "Ops");
        await Crm.UserAsync(_admin, "wh.sup", "Supervisor", department);
        await Crm.UserAsync(_admin, "wh.ag", "Agent", department);
        foreach (var login in new[] { "wh.sup", "wh.ag" })
        {
            using var user = await _factory.LoginWithTokenAsync(login, Crm.AgentPassword);
            using var list = await user.GetAsync(new Uri("/api/webhooks", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
            using var create = await user.PostAsJsonAsync("/api/webhooks", new { url = _receiver.Url("/x"), secret = Secret, eventTypes = EndedOnly }, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        }
    }

    [Fact]
    public async Task A_pending_delivery_survives_a_restart()
    {
        using var folder = new TempFolder();
        var settings = new Dictionary<string, string?>(FastRetries)
        {
            ["Cti:DataFolder"] = folder.Path,
            ["Cti:Webhooks:InitialBackoff"] = "00:00:01",
            ["Cti:Webhooks:MaxBackoff"] = "00:00:02",
            ["Cti:Webhooks:MaxAttempts"] = "50",
        };
        var port = FreePorts.Next();
        long hook;
        await using (var before = new CtiServerFactory(settings))
        {
            using var admin = await before.AdminAsync();
            hook = (await admin.PostOkAsync("/api/webhooks", new { url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/late", secret = Secret, eventTypes = EndedOnly })).Id();
            before.Services.GetRequiredService<WebhookQueue>().Enqueue(Ended("restart-" + Guid.NewGuid().ToString("N")));

            // The receiver is not up yet: the first attempt fails and the row stays pending.
            await WaitForAsync(admin, hook, d => d.GetProperty("attempts").GetInt32() >= 1 && d.GetProperty("state").GetString() == "Pending");
        }

        await using var receiver = await WebhookReceiver.StartAsync(port);
        await using var after = new CtiServerFactory(settings);
        using var adminAfter = await after.AdminAsync();
        var delivered = await WaitForAsync(adminAfter, hook, d => d.GetProperty("state").GetString() == "Delivered");
        Assert.True(delivered.GetProperty("attempts").GetInt32() >= 2);
        var post = Assert.Single(receiver.Received);
        Assert.Equal(ExpectedSignature(Secret, post.Timestamp, post.Body), post.Signature);
    }

    private static string ExpectedSignature(string secret, string timestamp, string body) =>
        "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));

    private static WebhookEvent Ended(string callId) =>
        new(callId + ":ended", "call.ended", DateTimeOffset.UtcNow, new WebhookCall(callId, null, null, "+74950000000", "Inbound", "abandoned", null));

    private void EnqueueEnded(string callId) => _factory.Services.GetRequiredService<WebhookQueue>().Enqueue(Ended(callId));

    private async Task<long> CreateAsync(string url, long? departmentId) =>
        (await _admin.PostOkAsync("/api/webhooks", new { url, secret = Secret, eventTypes = AllTypes, departmentId })).Id();

    private Task<JsonElement> DeliveriesAsync(long hook) => _admin.GetJsonAsync($"/api/webhooks/{hook}/deliveries");

    private Task<JsonElement> WaitForDeliveryAsync(long hook, string state) =>
        WaitForAsync(_admin, hook, d => d.GetProperty("state").GetString() == state);

    /// <summary>Polls the delivery log (the only view a remote admin has) until the single delivery matches.</summary>
    private static async Task<JsonElement> WaitForAsync(HttpClient admin, long hook, Func<JsonElement, bool> match)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Patience);
        while (true)
        {
            var log = await admin.GetJsonAsync($"/api/webhooks/{hook}/deliveries");
            if (log.GetArrayLength() == 1 && match(log[0]))
            {
                return log[0];
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    private Task PublishAsync(TelephonyEvent telephonyEvent) =>
        _factory.Services.GetRequiredService<ITelephonyEventSink>().PublishAsync(telephonyEvent, Ct);
}
