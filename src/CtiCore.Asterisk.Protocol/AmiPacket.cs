using System.Text;

namespace CtiCore.Asterisk.Protocol;

/// <summary>
/// One packet read from Asterisk. It keeps the packet's bytes and an index of its lines; a value becomes a string only
/// when someone asks for it, and that string is cached. Keys compare ASCII case-insensitively, as Asterisk does
/// (manager.c astman_get_header uses strncasecmp). Repeated keys (ChanVariable, Output, Variable…) are all kept in order.
/// </summary>
public sealed class AmiPacket
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly byte[] _bytes;
    private readonly AmiField[] _fields;
    private readonly int _kindField;
    private string?[]? _values;

    internal AmiPacket(AmiPacketKind kind, byte[] bytes, AmiField[] fields, int kindField)
    {
        Kind = kind;
        _bytes = bytes;
        _fields = fields;
        _kindField = kindField;
    }

    public AmiPacketKind Kind { get; }

    /// <summary>The packet's bytes as received, without the terminating blank line.</summary>
    public ReadOnlyMemory<byte> RawBytes => _bytes;

    public int FieldCount => _fields.Length;

    /// <summary>For an event the event name, for a response the response word (Success, Error, Follows, Goodbye).</summary>
    public string KindValue => GetValue(_kindField);

    /// <summary>The event name, or null when this is not an event.</summary>
    public string? EventName => Kind == AmiPacketKind.Event ? GetValue(_kindField) : null;

    /// <summary>The banner text ("Asterisk Call Manager/9.0.0"), or null when this is not the banner.</summary>
    public string? Banner => Kind == AmiPacketKind.Banner ? GetValue(_kindField) : null;

    public string? ActionId => this["ActionID"u8];

    /// <summary>True for "Response: Success" (and "Follows", the legacy command answer, which also means success).</summary>
    public bool IsSuccess => Kind == AmiPacketKind.Response
        && (KindValueEquals("Success"u8) || KindValueEquals("Follows"u8) || KindValueEquals("Goodbye"u8));

    /// <summary>The value of the first field with this key, or null.</summary>
    public string? this[string key]
    {
        get
        {
            var index = IndexOf(key);
            return index < 0 ? null : GetValue(index);
        }
    }

    /// <summary>The value of the first field with this UTF-8 key, or null. Used by the generated typed events.</summary>
    public string? this[ReadOnlySpan<byte> utf8Key]
    {
        get
        {
            var index = IndexOf(utf8Key);
            return index < 0 ? null : GetValue(index);
        }
    }

    /// <summary>The key of field <paramref name="index"/>; raw command-output lines report "Output".</summary>
    public string GetKey(int index)
    {
        var entry = _fields[index];
        return entry.IsRawOutput ? "Output" : Encoding.ASCII.GetString(_bytes, entry.KeyStart, entry.KeyLength);
    }

    public string GetValue(int index)
    {
        _values ??= new string?[_fields.Length];
        var cached = _values[index];
        if (cached is not null)
        {
            return cached;
        }

        var entry = _fields[index];
        var value = entry.ValueLength == 0 ? string.Empty : Utf8.GetString(_bytes, entry.ValueStart, entry.ValueLength);
        _values[index] = value;
        return value;
    }

    public ReadOnlySpan<byte> GetValueBytes(int index)
    {
        var entry = _fields[index];
        return _bytes.AsSpan(entry.ValueStart, entry.ValueLength);
    }

    public bool TryGetValueBytes(ReadOnlySpan<byte> utf8Key, out ReadOnlySpan<byte> value)
    {
        var index = IndexOf(utf8Key);
        value = index < 0 ? default : GetValueBytes(index);
        return index >= 0;
    }

    /// <summary>True when the first field with this key has this value (ASCII case-insensitive), without making strings.</summary>
    public bool ValueEquals(ReadOnlySpan<byte> utf8Key, ReadOnlySpan<byte> expected)
        => TryGetValueBytes(utf8Key, out var value) && Ascii.EqualsIgnoreCase(value, expected);

    public bool KindValueEquals(ReadOnlySpan<byte> expected) => Ascii.EqualsIgnoreCase(GetValueBytes(_kindField), expected);

    public int IndexOf(ReadOnlySpan<byte> utf8Key)
    {
        for (var i = 0; i < _fields.Length; i++)
        {
            var entry = _fields[i];
            if (entry.KeyLength == utf8Key.Length && Ascii.EqualsIgnoreCase(_bytes.AsSpan(entry.KeyStart, entry.KeyLength), utf8Key))
            {
                return i;
            }
        }

        return -1;
    }

    public int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < _fields.Length; i++)
        {
            var entry = _fields[i];
            if (entry.KeyLength == key.Length && Ascii.EqualsIgnoreCase(_bytes.AsSpan(entry.KeyStart, entry.KeyLength), key))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Every value of a repeated key, in order (ChanVariable, Variable, Output…).</summary>
    public IReadOnlyList<string> GetAll(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        List<string>? values = null;
        for (var i = 0; i < _fields.Length; i++)
        {
            var entry = _fields[i];
            if (entry.KeyLength == key.Length && Ascii.EqualsIgnoreCase(_bytes.AsSpan(entry.KeyStart, entry.KeyLength), key))
            {
                (values ??= []).Add(GetValue(i));
            }
        }

        return values ?? (IReadOnlyList<string>)[];
    }

    /// <summary>
    /// The command output: Asterisk 14+ sends one "Output:" field per line; older versions sent raw lines after
    /// "Response: Follows" up to "--END COMMAND--". Both read the same here.
    /// </summary>
    public IReadOnlyList<string> OutputLines
    {
        get
        {
            var lines = new List<string>();
            for (var i = 0; i < _fields.Length; i++)
            {
                var entry = _fields[i];
                if (entry.IsRawOutput || (entry.KeyLength == 6 && Ascii.EqualsIgnoreCase(_bytes.AsSpan(entry.KeyStart, 6), "Output"u8)))
                {
                    lines.Add(GetValue(i));
                }
            }

            return lines;
        }
    }

    /// <summary>A channel variable carried as "ChanVariable: NAME=value" (or "ChanVariable(chan): NAME=value").</summary>
    public bool TryGetChannelVariable(string name, out string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var candidate in GetAll("ChanVariable"))
        {
            var equals = candidate.IndexOf('=', StringComparison.Ordinal);
            if (equals == name.Length && candidate.AsSpan(0, equals).SequenceEqual(name))
            {
                value = candidate[(equals + 1)..];
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    public IEnumerable<KeyValuePair<string, string>> Fields
    {
        get
        {
            for (var i = 0; i < _fields.Length; i++)
            {
                yield return new KeyValuePair<string, string>(GetKey(i), GetValue(i));
            }
        }
    }

    public override string ToString() => Kind switch
    {
        AmiPacketKind.Banner => $"Banner {Banner}",
        AmiPacketKind.Event => $"Event {EventName} ({FieldCount} fields)",
        _ => $"Response {KindValue} ActionID={ActionId} ({FieldCount} fields)",
    };
}
