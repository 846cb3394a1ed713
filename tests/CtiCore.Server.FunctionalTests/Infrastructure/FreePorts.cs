using CtiCore.Testing;

namespace CtiCore.Server.FunctionalTests.Infrastructure;

/// <summary>
/// Ports for the test servers and silos, from this project's own range (42000-44999) so parallel test projects on the
/// same machine do not race for the same ones.
/// </summary>
internal static class FreePorts
{
    private static readonly PortRange Range = new(42000, 3000);

    public static int Next() => Range.Next();

    /// <summary>
    /// The first of <paramref name="count"/> consecutive free ports, none of which <see cref="Next"/> hands out later
    /// in this run (sipp's -mp takes its port and the next three for audio and video RTP/RTCP).
    /// </summary>
    public static int NextBlock(int count) => Range.Next(count);
}
