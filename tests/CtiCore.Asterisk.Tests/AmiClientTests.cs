using CtiCore.Asterisk.Ami;
using CtiCore.Asterisk.Protocol;
using CtiCore.Asterisk.Protocol.Actions;
using CtiCore.Asterisk.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Asterisk.Tests;

public sealed class AmiClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(AmiLoginMode.Md5Challenge)]
    [InlineData(AmiLoginMode.Plain)]
    public async Task Logs_in_and_pings(AmiLoginMode mode)
    {
        await using var server = new FakeAmiServer();
        var logs = TestClients.Logs();
        await using var client = TestClients.Create(TestClients.Options(server.Port, mode), new FakeTimeProvider(), logs);

        await client.StartAsync(Ct);
        var pong = await client.PingAsync(Ct);

        Assert.True(pong.IsSuccess);
        Assert.Equal("Pong", pong["Ping"]);
        Assert.Equal("Asterisk Call Manager/11.0.0", client.Banner);
        var login = server.Received.Single(a => a.Name == "Login");
        if (mode == AmiLoginMode.Md5Challenge)
        {
            // The secret never crosses the wire, only md5(challenge + secret).
            Assert.Null(login["Secret"]);
            Assert.Equal(FakeAmiServer.Md5("149457129" + FakeAmiServer.Secret), login["Key"]);
        }
        else
        {
            Assert.Equal(FakeAmiServer.Secret, login["Secret"]);
        }

        Assert.Equal("system,call,agent,user", login["Events"]);
    }

    [Fact]
    public async Task A_refused_login_fails_start_and_is_not_retried()
    {
        await using var server = new FakeAmiServer();
        var logs = TestClients.Logs();
        var time = new FakeTimeProvider();
        await using var client = TestClients.Create(TestClients.Options(server.Port, secret: "wrong-secret-value"), time, logs);

        var error = await Assert.ThrowsAsync<AmiException>(() => client.StartAsync(Ct));

        Assert.Equal(AmiErrorReason.LoginFailed, error.Reason);
        Assert.False(error.IsTransient);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Single(server.Sessions);
        Assert.DoesNotContain("wrong-secret-value", TestClients.AllText(logs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_actions_get_their_own_answers_even_out_of_order()
    {
        await using var server = new FakeAmiServer();
        var held = new List<(FakeAmiSession Session, FakeAmiAction Action)>();
        var gate = new object();
        const int count = 200;
        server.Handlers["Getvar"] = async (session, action) =>
        {
            List<(FakeAmiSession, FakeAmiAction)>? release = null;
            lock (gate)
            {
                held.Add((session, action));
                if (held.Count == count)
                {
                    release = [.. held];
                }
            }

            if (release is not null)
            {
                // Answer all of them at once, last first.
                release.Reverse();
                foreach (var (s, a) in release)
                {
                    await s.RespondAsync(a, "Success", $"Variable: {a["Variable"]}", $"Value: value-of-{a["Variable"]}");
                }
            }
        };
        await using var client = TestClients.Create(TestClients.Options(server.Port), new FakeTimeProvider(), TestClients.Logs());
        await client.StartAsync(Ct);

        var answers = await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => client.SendAsync(new GetvarAction { Variable = $"V{i}" }, Ct))));

        for (var i = 0; i < count; i++)
        {
            Assert.Equal($"value-of-V{i}", answers[i]["Value"]);
        }

        Assert.Equal(count, server.Received.Count(a => a.Name == "Getvar"));
    }

    [Fact]
    public async Task An_unanswered_action_times_out_and_the_connection_stays_usable()
    {
        await using var server = new FakeAmiServer();
        server.Handlers["Getvar"] = (_, _) => Task.CompletedTask;
        var time = new FakeTimeProvider();
        await using var client = TestClients.Create(TestClients.Options(server.Port), time, TestClients.Logs());
        await client.StartAsync(Ct);

        var pending = client.SendAsync(new GetvarAction { Variable = "X" }, Ct);
        await TestClients.EventuallyAsync(() => server.Received.Any(a => a.Name == "Getvar"));
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<AmiException>(() => pending);
        Assert.Equal(AmiErrorReason.Timeout, error.Reason);
        Assert.True((await client.PingAsync(Ct)).IsSuccess);
        Assert.Equal(1, client.Logins);
    }

    [Fact]
    public async Task A_cancelled_action_is_cancelled()
    {
        await using var server = new FakeAmiServer();
        server.Handlers["Getvar"] = (_, _) => Task.CompletedTask;
        await using var client = TestClients.Create(TestClients.Options(server.Port), new FakeTimeProvider(), TestClients.Logs());
        await client.StartAsync(Ct);
        using var cancel = new CancellationTokenSource();

        var pending = client.SendAsync(new GetvarAction { Variable = "X" }, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task A_list_action_collects_its_items_which_stay_out_of_the_event_stream()
    {
        await using var server = new FakeAmiServer();
        server.Channels.Enqueue("Channel: PJSIP/trunk-00000001\r\nUniqueid: 1795.1\r\nLinkedid: 1795.1");
        server.Channels.Enqueue("Channel: PJSIP/2001-00000002\r\nUniqueid: 1795.2\r\nLinkedid: 1795.1");
        await using var client = TestClients.Create(TestClients.Options(server.Port), new FakeTimeProvider(), TestClients.Logs());
        await client.StartAsync(Ct);

        var result = await client.SendListAsync(new CoreShowChannelsAction(), Ct);
        await server.Current!.SendEventAsync("Newstate", "Channel: PJSIP/2001-00000002\r\n");

        Assert.True(result.Response.IsSuccess);
        Assert.Equal(["PJSIP/trunk-00000001", "PJSIP/2001-00000002"], result.Items.Select(i => i["Channel"]));
        Assert.Equal("2", result.Complete?["ListItems"]);
        var first = await client.Events.ReadAsync(Ct);
        Assert.Equal("Newstate", first.EventName);
    }

    [Fact]
    public async Task Originate_returns_the_matching_OriginateResponse()
    {
        await using var server = new FakeAmiServer();
        server.Handlers["Originate"] = async (session, action) =>
        {
            await session.RespondAsync(action, "Success", "Message: Originate successfully queued");
            await session.SendEventAsync("Newchannel", "Channel: PJSIP/2001-00000007\r\nUniqueid: 1795.7\r\n");
            await session.SendEventAsync("OriginateResponse",
                $"ActionID: {action.ActionId}\r\nResponse: Success\r\nChannel: PJSIP/2001-00000007\r\nReason: 4\r\nUniqueid: 1795.7\r\n");
        };
        await using var client = TestClients.Create(TestClients.Options(server.Port), new FakeTimeProvider(), TestClients.Logs());
        await client.StartAsync(Ct);

        var answer = await client.OriginateAsync(new OriginateAction { Channel = "PJSIP/2001", Context = "cticore-click-to-call", Exten = "5551234", Priority = "1" }, Ct);

        Assert.Equal("Success", answer.Response);
        Assert.Equal("1795.7", answer.Uniqueid);
        Assert.Equal("true", server.Received.Single(a => a.Name == "Originate")["Async"]);
        Assert.Equal("Newchannel", (await client.Events.ReadAsync(Ct)).EventName);
        Assert.Equal("OriginateResponse", (await client.Events.ReadAsync(Ct)).EventName);
    }

    [Fact]
    public async Task Events_arrive_as_one_ordered_stream()
    {
        await using var server = new FakeAmiServer();
        await using var client = TestClients.Create(TestClients.Options(server.Port), new FakeTimeProvider(), TestClients.Logs());
        await client.StartAsync(Ct);
        const int count = 5000;

        var send = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                await server.Current!.SendEventAsync("UserEvent", $"Sequence: {i}\r\n");
            }
        }, Ct);

        for (var i = 0; i < count; i++)
        {
            var packet = await client.Events.ReadAsync(Ct);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), packet["Sequence"]);
        }

        await send;
        Assert.Equal(0, client.DroppedEvents);
    }

    [Fact]
    public async Task A_slow_consumer_never_blocks_the_reader_drops_are_counted_logged_and_followed_by_a_resync()
    {
        await using var server = new FakeAmiServer();
        var logs = TestClients.Logs();
        var options = TestClients.Options(server.Port);
        options.EventQueueCapacity = 16;
        await using var client = TestClients.Create(options, new FakeTimeProvider(), logs);
        var resyncs = new List<AmiResyncReason>();
        var overflowResync = new TaskCompletionSource();
        client.ResyncHandler = (snapshot, _) =>
        {
            lock (resyncs)
            {
                resyncs.Add(snapshot.Reason);
            }

            if (snapshot.Reason == AmiResyncReason.EventsDropped)
            {
                overflowResync.TrySetResult();
            }

            return ValueTask.CompletedTask;
        };
        await client.StartAsync(Ct);
        await TestClients.EventuallyAsync(() => client.Resyncs == 1);

        var burst = string.Concat(Enumerable.Range(0, 1000).Select(i => $"Event: UserEvent\r\nSequence: {i}\r\n\r\n"));
        await server.Current!.SendAsync(burst);
        // Nobody reads Events, yet the reader keeps answering actions.
        Assert.True((await client.PingAsync(Ct)).IsSuccess);

        Assert.Equal(1000 - 16, client.DroppedEvents);
        Assert.Single(logs.GetSnapshot(), r => r.Id.Id == 4106);
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), (await client.Events.ReadAsync(Ct))["Sequence"]);
        }

        await server.Current.SendEventAsync("UserEvent", "Sequence: after\r\n");
        await overflowResync.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal("after", (await client.Events.ReadAsync(Ct))["Sequence"]);
        Assert.Contains(logs.GetSnapshot(), r => r.Id.Id == 4113);
    }

    [Fact]
    public async Task A_killed_connection_fails_pending_actions_then_reconnects_and_resyncs()
    {
        await using var server = new FakeAmiServer();
        server.Channels.Enqueue("Channel: PJSIP/trunk-00000009\r\nUniqueid: 1795.9\r\nLinkedid: 1795.9");
        server.Handlers["Getvar"] = (_, _) => Task.CompletedTask;
        var time = new FakeTimeProvider();
        var options = TestClients.Options(server.Port);
        // While the test waits, fake time runs 200 ms per 5 ms of real time. On a loaded machine the reconnect's own
        // round trips (login, resync) take longer than a 10 s fake timeout at that pace, so the reconnect would time
        // out again and again. Timeouts are not what this test is about: give them room.
        options.ActionTimeout = TimeSpan.FromMinutes(30);
        options.ConnectTimeout = TimeSpan.FromMinutes(30);
        await using var client = TestClients.Create(options, time, TestClients.Logs());
        var snapshots = new List<AmiResyncSnapshot>();
        client.ResyncHandler = (snapshot, _) =>
        {
            lock (snapshots)
            {
                snapshots.Add(snapshot);
            }

            return ValueTask.CompletedTask;
        };
        await client.StartAsync(Ct);

        // The first resync runs in the background after the login; killed mid-way it would fail and never count,
        // and the test would wait for a second resync that is only the first.
        await TestClients.EventuallyAsync(() => client.Resyncs == 1);
        var pending = client.SendAsync(new GetvarAction { Variable = "X" }, Ct);
        await TestClients.EventuallyAsync(() => server.Received.Any(a => a.Name == "Getvar"));

        server.AbortAll();

        var error = await Assert.ThrowsAsync<AmiException>(() => pending);
        Assert.Equal(AmiErrorReason.ConnectionLost, error.Reason);
        Assert.True(error.IsTransient);
        await TestClients.EventuallyAsync(() => client.Resyncs == 2, time);
        Assert.Equal(2, client.Logins);
        lock (snapshots)
        {
            Assert.Equal([AmiResyncReason.Connected, AmiResyncReason.Reconnected], snapshots.Select(s => s.Reason));
            Assert.Equal("PJSIP/trunk-00000009", Assert.Single(snapshots[1].Channels)["Channel"]);
            Assert.Equal("PJSIP/2001", Assert.Single(snapshots[1].DeviceStates)["Device"]);
        }

        Assert.True((await client.PingAsync(Ct)).IsSuccess);
    }

    [Fact]
    public async Task A_protocol_desync_breaks_the_connection_fails_pending_actions_and_reconnects()
    {
        await using var server = new FakeAmiServer();
        server.Handlers["Getvar"] = (session, _) => session.SendAsync("this is not AMI\r\n\r\n");
        var time = new FakeTimeProvider();
        var logs = TestClients.Logs();
        await using var client = TestClients.Create(TestClients.Options(server.Port), time, logs);
        await client.StartAsync(Ct);

        var error = await Assert.ThrowsAsync<AmiException>(() => client.SendAsync(new GetvarAction { Variable = "X" }, Ct));

        Assert.Equal(AmiErrorReason.MalformedLine, error.Reason);
        Assert.Contains(logs.GetSnapshot(), r => r.Id.Id == 4105);
        await TestClients.EventuallyAsync(() => client.Logins == 2 && client.State == AmiConnectionState.Connected, time);
        Assert.True((await client.PingAsync(Ct)).IsSuccess);
    }

    [Fact]
    public async Task A_missed_keepalive_breaks_the_connection_and_reconnects()
    {
        await using var server = new FakeAmiServer();
        var time = new FakeTimeProvider();
        await using var client = TestClients.Create(TestClients.Options(server.Port), time, TestClients.Logs());
        await client.StartAsync(Ct);
        server.AnswerPing = false;

        await TestClients.EventuallyAsync(() => server.Received.Any(a => a.Name == "Ping"), time, TimeSpan.FromSeconds(1));
        server.AnswerPing = true;
        await TestClients.EventuallyAsync(() => client.Logins == 2 && client.State == AmiConnectionState.Connected, time, TimeSpan.FromSeconds(1));

        Assert.Equal(2, server.Sessions.Count);
    }

    [Fact]
    public async Task An_injected_line_break_is_refused_before_anything_is_sent()
    {
        await using var server = new FakeAmiServer();
        await using var client = TestClients.Create(TestClients.Options(server.Port), new FakeTimeProvider(), TestClients.Logs());
        await client.StartAsync(Ct);
        await TestClients.EventuallyAsync(() => client.Resyncs == 1);
        var before = server.Received.Count;

        var error = await Assert.ThrowsAsync<AmiException>(() =>
            client.SendAsync(new SetvarAction { Variable = "X", Value = "1\r\nAction: Originate\r\nChannel: PJSIP/evil" }, Ct));

        Assert.Equal(AmiErrorReason.InvalidActionValue, error.Reason);
        Assert.True((await client.PingAsync(Ct)).IsSuccess);
        Assert.Equal(before + 1, server.Received.Count);
        Assert.DoesNotContain(server.Received, a => a.Name is "Setvar" or "Originate");
    }

    [Fact]
    public async Task The_secret_never_reaches_the_logs()
    {
        await using var server = new FakeAmiServer();
        var logs = TestClients.Logs();
        var time = new FakeTimeProvider();
        foreach (var mode in new[] { AmiLoginMode.Plain, AmiLoginMode.Md5Challenge })
        {
            await using var client = TestClients.Create(TestClients.Options(server.Port, mode), time, logs);
            await client.StartAsync(Ct);
            await client.PingAsync(Ct);
            server.AbortAll();
            // At least one more login: fake time runs 200 ms per real 5 ms here, so on a loaded machine a keep-alive
            // can time out and log in a third time before the check sees the second.
            await TestClients.EventuallyAsync(() => client.Logins >= 2 && client.State == AmiConnectionState.Connected, time);
        }

        await using (var refused = TestClients.Create(TestClients.Options(server.Port, AmiLoginMode.Plain, "another-Secret-value"), time, logs))
        {
            await Assert.ThrowsAsync<AmiException>(() => refused.StartAsync(Ct));
        }

        var text = TestClients.AllText(logs);
        Assert.True(logs.Count > 10, "the logs this test inspects must not be empty");
        Assert.Contains("logged in", text, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAmiServer.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("another-Secret-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAmiServer.Secret, TestClients.Options(1).ToString(), StringComparison.Ordinal);
    }
}
