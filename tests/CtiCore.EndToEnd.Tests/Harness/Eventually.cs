namespace CtiCore.EndToEnd.Tests.Harness;

/// <summary>Polls until a condition holds: calls end and are logged asynchronously, after the sipp side is done.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout}");
            }

            await Task.Delay(100);
        }
    }

    public static async Task HoldsAsync(Func<Task<bool>> probe, TimeSpan timeout, string what)
        => await GetAsync<object>(async () => await probe() ? new object() : null, timeout, what);
}
