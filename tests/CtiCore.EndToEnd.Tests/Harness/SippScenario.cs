using System.Globalization;

namespace CtiCore.EndToEnd.Tests.Harness;

/// <summary>The scenario files of Scenarios/, with their timing placeholders ({RING_MS}, {TALK_MS}...) filled in.</summary>
public static class SippScenario
{
    public static string Write(string name, string folder, IReadOnlyDictionary<string, TimeSpan> timings)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", name + ".xml"));
        foreach (var (key, value) in timings)
        {
            text = text.Replace("{" + key + "}", ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        if (text.Contains("_MS}", StringComparison.Ordinal))
        {
            throw new ArgumentException($"scenario {name} still has an unfilled timing placeholder", nameof(timings));
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}-{Guid.NewGuid():N}.xml");
        File.WriteAllText(path, text);
        return path;
    }
}
