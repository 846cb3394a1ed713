namespace CtiCore.Asterisk.Protocol.Actions;

/// <summary>
/// An AMI action: a name and its fields. ActionID is not a field here: the client assigns one per send to correlate
/// the response. The typed actions are generated from Asterisk's XML documentation (tools/CtiCore.AmiCodeGen).
/// </summary>
public abstract class AmiAction
{
    /// <summary>The value of the "Action:" line.</summary>
    public abstract string Name { get; }

    /// <summary>Extra fields written after the typed ones, for parameters the generated type does not name.</summary>
    public IList<KeyValuePair<string, string>> ExtraFields { get; } = [];

    /// <summary>The fields to write, in order, without Action and ActionID.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> GetFields()
    {
        var fields = new List<KeyValuePair<string, string>>();
        AddFields(fields);
        fields.AddRange(ExtraFields);
        return fields;
    }

    /// <summary>Adds the typed fields; null properties are left out.</summary>
    protected abstract void AddFields(List<KeyValuePair<string, string>> fields);

    /// <summary>Adds one "Variable: name=value" line per entry (Originate, and other actions taking channel variables).</summary>
    protected static void AddVariables(List<KeyValuePair<string, string>> fields, IReadOnlyDictionary<string, string>? variables)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (variables is null)
        {
            return;
        }

        foreach (var (name, value) in variables)
        {
            fields.Add(new KeyValuePair<string, string>("Variable", $"{name}={value}"));
        }
    }

    /// <summary>Only the name: field values may hold secrets (Login) and must never reach a log.</summary>
    public override string ToString() => $"Action {Name}";
}
