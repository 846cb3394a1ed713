using System.Collections.Concurrent;
using CtiCore.Domain.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Grains.Tests.Infrastructure;

/// <summary>
/// What a test cluster's silo shares with the test: the fake clock, the command sink and the CRM ports.
/// The silo configurator is created by Orleans, so it finds its world by id in this registry (test code only).
/// </summary>
public sealed class TestWorld
{
    public const string ConfigurationKey = "CtiCoreTestWorld";
    private static readonly ConcurrentDictionary<string, TestWorld> Worlds = new();

    /// <param name="agents">The directory the test side's event dispatcher uses.</param>
    /// <param name="registerPorts">Registers the CRM ports in the silo.</param>
    public TestWorld(IAgentDirectory agents, Action<IServiceCollection> registerPorts)
    {
        Agents = agents;
        _registerPorts = registerPorts;
        Worlds[Id] = this;
    }

    private readonly Action<IServiceCollection> _registerPorts;

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    public RecordingCommandSink Commands { get; } = new();

    public IAgentDirectory Agents { get; }

    public static TestWorld Get(string id) => Worlds[id];

    public void Register(IServiceCollection services) => _registerPorts(services);

    public void Forget() => Worlds.TryRemove(Id, out _);
}
