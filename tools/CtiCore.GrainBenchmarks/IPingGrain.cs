namespace CtiCore.GrainBenchmarks;

/// <summary>The baseline: an empty grain call, Orleans' own cost of one round trip.</summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    Task PingAsync();
}
