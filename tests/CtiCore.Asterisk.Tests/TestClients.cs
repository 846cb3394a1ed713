using CtiCore.Asterisk.Ami;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace CtiCore.Asterisk.Tests;

internal static class TestClients
{
    public static AmiOptions Options(int port, AmiLoginMode mode = AmiLoginMode.Md5Challenge, string secret = Fakes.FakeAmiServer.Secret) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Username = Fakes.FakeAmiServer.Username,
        Secret = secret,
        LoginMode = mode,
        ActionTimeout = TimeSpan.FromSeconds(10),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PingInterval = TimeSpan.FromSeconds(15),
        ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
        ReconnectMaxDelay = TimeSpan.FromSeconds(1),
    };

    public static AmiClient Create(AmiOptions options, TimeProvider timeProvider, FakeLogCollector logs)
        => new(Microsoft.Extensions.Options.Options.Create(options), new FakeLogger<AmiClient>(logs), timeProvider);

    public static FakeLogCollector Logs() => FakeLogCollector.Create(new FakeLogCollectorOptions());

    /// <summary>Every logged text: the formatted message, the structured values and any exception text.</summary>
    public static string AllText(FakeLogCollector logs) => string.Join("\n", logs.GetSnapshot().Select(r =>
        $"{r.Level} {r.Id} {r.Message} {string.Join(",", r.StructuredState?.Select(s => $"{s.Key}={s.Value}") ?? [])} {r.Exception}"));

    /// <summary>
    /// Waits for a condition that depends on the client's background work. With a FakeTimeProvider the client's
    /// timers only move when the test advances them, so each round advances fake time by <paramref name="step"/>.
    /// The short real wait only yields to the client's threads; nothing here measures time.
    /// </summary>
    public static async Task EventuallyAsync(Func<bool> condition, Microsoft.Extensions.Time.Testing.FakeTimeProvider? time = null, TimeSpan? step = null)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            deadline.Token.ThrowIfCancellationRequested();
            time?.Advance(step ?? TimeSpan.FromMilliseconds(200));
            await Task.Delay(5, deadline.Token);
        }
    }
}
