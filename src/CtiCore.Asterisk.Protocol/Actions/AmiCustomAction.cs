namespace CtiCore.Asterisk.Protocol.Actions;

/// <summary>Any action by name, for the ones without a generated type. Values are checked like every other action's.</summary>
public sealed class AmiCustomAction : AmiAction
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public AmiCustomAction(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    public override string Name { get; }

    public AmiCustomAction Set(string key, string value)
    {
        _fields.Add(new KeyValuePair<string, string>(key, value));
        return this;
    }

    protected override void AddFields(List<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.AddRange(_fields);
    }
}
