namespace CtiCore.Sip.Transport;

/// <summary>What <see cref="SipStreamFramer"/> remembers between reads of one connection, so it never rescans.</summary>
public struct SipFramerState
{
    /// <summary>Octets of the current message already searched for the end of the headers without finding it.</summary>
    internal long Scanned;

    /// <summary>Length of the header section including its empty line, once found; 0 before.</summary>
    internal int HeaderLength;

    internal int ContentLength;

    /// <summary>Set when <see cref="SipStreamFramer.TryRead"/> returned InvalidData: why the connection must break.</summary>
    public Messages.SipRejectedException? Error { get; internal set; }
}
