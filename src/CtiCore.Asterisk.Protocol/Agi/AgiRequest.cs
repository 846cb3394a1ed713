namespace CtiCore.Asterisk.Protocol.Agi;

/// <summary>
/// The environment Asterisk sends at the start of a FastAGI session: one "agi_name: value" line per variable, ended by
/// a blank line. Every value comes from the PBX and ultimately from callers (caller id, dialled digits), so it is
/// untrusted: the reader bounds its size and refuses control characters, and users check the values they act on.
/// </summary>
public sealed class AgiRequest
{
    private readonly Dictionary<string, string> _variables;

    internal AgiRequest(Dictionary<string, string> variables, IReadOnlyList<string> arguments)
    {
        _variables = variables;
        Arguments = arguments;
    }

    /// <summary>Every agi_* variable as sent (keys without the "agi_" prefix are never accepted).</summary>
    public IReadOnlyDictionary<string, string> Variables => _variables;

    /// <summary>agi_arg_1, agi_arg_2… in order (the comma-separated arguments of the AGI() application).</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The path of the agi:// URL, e.g. "route" for agi://host:4573/route.</summary>
    public string? NetworkScript => Get("agi_network_script");

    public string? Channel => Get("agi_channel");

    public string? UniqueId => Get("agi_uniqueid");

    public string? CallerIdNumber => Get("agi_callerid");

    public string? CallerIdName => Get("agi_calleridname");

    public string? Dnid => Get("agi_dnid");

    public string? Context => Get("agi_context");

    public string? Extension => Get("agi_extension");

    public string? Get(string name) => _variables.TryGetValue(name, out var value) ? value : null;
}
