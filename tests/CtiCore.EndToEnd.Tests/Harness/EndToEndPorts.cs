using CtiCore.Testing;

namespace CtiCore.EndToEnd.Tests.Harness;

/// <summary>
/// Ports from this project's own range (45000-45999), so it never races the other test projects (FunctionalTests
/// use 42000-44999).
/// </summary>
public static class EndToEndPorts
{
    private static readonly PortRange Range = new(45000, 1000);

    /// <summary>A free port; <paramref name="block"/> consecutive ones are free when more are asked (RTP uses port and port+2).</summary>
    public static int Next(int block = 1) => Range.Next(block);
}
