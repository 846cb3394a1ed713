namespace CtiCore.GrainBenchmarks;

internal sealed class PingGrain : Grain, IPingGrain
{
    public Task PingAsync() => Task.CompletedTask;
}
