namespace CtiCore.Asterisk.Protocol;

/// <summary>Where one line's key and value sit inside a packet's bytes. A raw command-output line has no key.</summary>
internal readonly record struct AmiField(int KeyStart, int KeyLength, int ValueStart, int ValueLength)
{
    public bool IsRawOutput => KeyLength < 0;
}
