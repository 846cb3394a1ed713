namespace CtiCore.SipCallBench;

/// <summary>A PBX the caller's sipp calls through to the answering sipp UAS.</summary>
internal interface IPbxUnderTest : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Where the caller sends its INVITEs (127.0.0.1:port).</summary>
    int SipPort { get; }

    /// <summary>The process whose CPU time is measured.</summary>
    int ProcessId { get; }

    /// <summary>The dialled number (Request-URI user) that reaches the UAS.</summary>
    string Dialled { get; }

    /// <summary>The caller number (From user) the PBX accepts calls from.</summary>
    string Caller { get; }
}
