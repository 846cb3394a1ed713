namespace CtiCore.Asterisk.Tests.Fakes;

/// <summary>An action as the fake server received it: ordered fields, first value by key (case-insensitive).</summary>
internal sealed record FakeAmiAction(IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    public string Name => this["Action"] ?? string.Empty;

    public string? ActionId => this["ActionID"];

    public string? this[string key] => Fields.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
}
