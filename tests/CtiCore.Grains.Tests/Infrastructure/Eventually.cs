namespace CtiCore.Grains.Tests.Infrastructure;

/// <summary>
/// Waits for one-way grain messages (router → call, timer → grain) to be delivered. It polls real time only to let
/// messages through; no test waits for CtiCore's own time to pass, which the fake clock drives.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var started = DateTime.UtcNow;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow - started > Limit)
            {
                throw new TimeoutException($"Gave up waiting for: {what}. Last value: {value}");
            }

            await Task.Delay(10);
        }
    }
}
