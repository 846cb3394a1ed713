namespace CtiCore.Asterisk.Benchmarks;

/// <summary>
/// What one manager.conf user receives: its <c>read</c> classes and its advanced <c>eventfilter</c> lines, applied to
/// a capture taken with <c>read = all</c>. This is how Asterisk decides per event (manager.c): the event's
/// class(es) must intersect the user's read classes, then the filters run. Only the filter form the project uses,
/// <c>eventfilter(action(include|exclude),name(X))</c>, is understood; any other form is an error rather than a guess.
/// </summary>
internal sealed class ManagerUserFilter
{
    private readonly HashSet<string> _readClasses;
    private readonly HashSet<string> _excluded;
    private readonly HashSet<string> _included;

    private ManagerUserFilter(HashSet<string> readClasses, HashSet<string> excluded, HashSet<string> included)
    {
        _readClasses = readClasses;
        _excluded = excluded;
        _included = included;
    }

    public IReadOnlyCollection<string> ReadClasses => _readClasses;

    public IReadOnlyCollection<string> ExcludedNames => _excluded;

    public static ManagerUserFilter Load(string managerConfPath, string user)
    {
        var readClasses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var excluded = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var included = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var inSection = false;
        foreach (var raw in File.ReadLines(managerConfPath))
        {
            var line = raw.Split(';', 2)[0].Trim();
            if (line.StartsWith('['))
            {
                inSection = line.StartsWith($"[{user}]", StringComparison.Ordinal);
                continue;
            }

            if (!inSection || line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith("read", StringComparison.Ordinal) && line.Contains('=', StringComparison.Ordinal))
            {
                foreach (var name in line.Split('=', 2)[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    readClasses.Add(name);
                }
            }
            else if (line.StartsWith("eventfilter(", StringComparison.Ordinal))
            {
                var definition = line.Split('=', 2)[0].Trim();
                const string exclude = "eventfilter(action(exclude),name(";
                const string include = "eventfilter(action(include),name(";
                var target = definition.StartsWith(exclude, StringComparison.Ordinal) ? excluded
                    : definition.StartsWith(include, StringComparison.Ordinal) ? included
                    : throw new NotSupportedException($"unsupported filter form: {definition}");
                var prefix = target == excluded ? exclude : include;
                if (!definition.EndsWith("))", StringComparison.Ordinal))
                {
                    throw new NotSupportedException($"unsupported filter form: {definition}");
                }

                target.Add(definition[prefix.Length..^2]);
            }
        }

        if (readClasses.Count == 0)
        {
            throw new InvalidOperationException($"user [{user}] has no read classes in {managerConfPath}");
        }

        return new ManagerUserFilter(readClasses, excluded, included);
    }

    /// <summary>
    /// Whether the user receives an event with this name and Privilege header. "all" in a Privilege header is how
    /// Asterisk prints the catch-all class, not a class of the event, so it does not match by itself.
    /// </summary>
    public bool Receives(string eventName, string privilege)
    {
        var classes = privilege.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(c => !c.Equals("all", StringComparison.OrdinalIgnoreCase));
        if (!_readClasses.Contains("all") && !classes.Any(_readClasses.Contains))
        {
            return false;
        }

        if (_included.Count != 0 && !_included.Contains(eventName))
        {
            return false;
        }

        return !_excluded.Contains(eventName);
    }
}
