using System.Xml.Linq;

namespace CtiCore.Architecture.Tests;

/// <summary>The ProjectReference graph of src/, read from the csproj files on disk.</summary>
internal sealed class ProjectGraph
{
    private ProjectGraph(IReadOnlyDictionary<string, IReadOnlyList<string>> references) => References = references;

    /// <summary>Project name → names of the projects it references directly.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> References { get; }

    public static ProjectGraph LoadSources()
    {
        var root = RepositoryRoot.Path;
        var references = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var csproj in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            var name = Path.GetFileNameWithoutExtension(csproj);
            references[name] = XDocument.Load(csproj)
                .Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToList();
        }

        return new ProjectGraph(references);
    }

    /// <summary>Every project reachable from <paramref name="project"/>, excluding itself unless there is a cycle.</summary>
    public IReadOnlySet<string> Reachable(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(References.GetValueOrDefault(project, []));
        while (stack.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var r in References.GetValueOrDefault(next, []))
                {
                    stack.Push(r);
                }
            }
        }

        return seen;
    }
}
