using System.Collections;
using System.Text;

namespace CtiCore.Sip.Messages;

/// <summary>Parameters of a URI or header value in their order. Names compare case-insensitively (RFC 3261 §19.1.4, §7.3.1).</summary>
public sealed class SipParameterList : IReadOnlyList<KeyValuePair<string, string?>>
{
    public static readonly SipParameterList Empty = new([]);

    private readonly List<KeyValuePair<string, string?>> _items;

    public SipParameterList(IEnumerable<KeyValuePair<string, string?>> items)
    {
        _items = [.. items];
    }

    public int Count => _items.Count;

    public KeyValuePair<string, string?> this[int index] => _items[index];

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of a parameter; null when absent or when it has no value (use <see cref="Contains"/> to tell them apart).</summary>
    public string? Get(string name)
    {
        var i = IndexOf(name);
        return i < 0 ? null : _items[i].Value;
    }

    public SipParameterList With(string name, string? value)
    {
        var copy = new List<KeyValuePair<string, string?>>(_items);
        var i = IndexOf(name);
        if (i >= 0)
        {
            copy[i] = new(name, value);
        }
        else
        {
            copy.Add(new(name, value));
        }
        return new SipParameterList(copy);
    }

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Appends ";name[=value]" for each; values that are not tokens are quoted.</summary>
    public void AppendTo(StringBuilder builder, bool quoteNonTokens)
    {
        foreach (var (name, value) in _items)
        {
            builder.Append(';').Append(name);
            if (value is null)
            {
                continue;
            }
            builder.Append('=');
            if (quoteNonTokens && value.AsSpan().IndexOfAnyExcept(SipSyntax.Token) >= 0 && !value.StartsWith('['))
            {
                builder.Append('"').Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                builder.Append(value);
            }
        }
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        AppendTo(builder, quoteNonTokens: true);
        return builder.ToString();
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (string.Equals(_items[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }
}
