using System.Text;

namespace CtiCore.Asterisk.Benchmarks;

/// <summary>Counts a read=all capture's events, and the ones a manager.conf user would receive, by event name.</summary>
internal static class EventsPerCall
{
    public static (int All, int Received, IReadOnlyList<(string Name, int All, int Received)> ByName) Count(string capturePath, ManagerUserFilter filter)
    {
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(capturePath));
        var byName = new SortedDictionary<string, (int All, int Received)>(StringComparer.Ordinal);
        foreach (var packet in text.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = packet.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var name = Field(lines, "Event");
            if (name is null)
            {
                continue;
            }

            var privilege = Field(lines, "Privilege") ?? throw new InvalidDataException($"event {name} has no Privilege header");
            var counts = byName.GetValueOrDefault(name);
            byName[name] = (counts.All + 1, counts.Received + (filter.Receives(name, privilege) ? 1 : 0));
        }

        var list = byName.Select(kv => (kv.Key, kv.Value.All, kv.Value.Received)).ToList();
        return (list.Sum(e => e.All), list.Sum(e => e.Received), list);
    }

    private static string? Field(string[] lines, string name)
    {
        foreach (var line in lines)
        {
            if (line.Length > name.Length && line.StartsWith(name, StringComparison.OrdinalIgnoreCase) && line[name.Length] == ':')
            {
                return line[(name.Length + 1)..].Trim();
            }
        }

        return null;
    }
}
