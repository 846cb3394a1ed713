namespace CtiCore.Server.Recording;

/// <summary>
/// How the server feeds PBX recordings to the encoder, bound from the <c>Recording</c> section (the encoder's own
/// settings — Root, BitratePerChannel, MaxConcurrency, Retention — live in the same section, see CtiCore.Media).
/// </summary>
public sealed class RecordingHostOptions
{
    public const string SectionName = "Recording";

    /// <summary>Off by default: the embedded run has no PBX and needs no libopus.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The folder the PBX writes MixMonitor files to, as the PBX sees it. A relative file name resolves here, and an
    /// event without a file name falls back to <c>&lt;PbxFolder&gt;/&lt;channel Uniqueid&gt;.wav</c> — the dialplan's
    /// <c>MixMonitor(${UNIQUEID}.wav)</c> (VarSet, which names the file, is filtered out of AMI).
    /// </summary>
    public string PbxFolder { get; set; } = "/var/spool/asterisk/monitor";

    /// <summary>
    /// PBX path prefix → path on this host, for a PBX in a chroot or on another host with a shared folder,
    /// e.g. <c>"/var/spool/asterisk/monitor": "/srv/asterisk-root/var/spool/asterisk/monitor"</c>. Longest prefix wins.
    /// </summary>
    public Dictionary<string, string> PathMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>After a call ends, how long to wait for the recorder's stop event (it closes the WAV) before encoding anyway.</summary>
    public TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often finished recordings are linked to their Interactions (the Interaction may be written after the encode).</summary>
    public TimeSpan LinkInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the retention sweep runs.</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);
}
