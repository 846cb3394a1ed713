using System.Text.Json.Serialization;

namespace CtiCore.Media.Recording;

/// <summary>
/// Where a call's audio is: one mixed WAV, or the two legs as separate mono WAVs. With MixMonitor on the caller's
/// channel, <c>r()</c> (the audio received from that channel) is the caller and <c>t()</c> (sent to it) the agent.
/// Legs are written as stereo, caller left and agent right, so a reviewer can tell the speakers apart.
/// </summary>
public sealed record RecordingSource
{
    public string? MixedPath { get; init; }

    public string? CallerLegPath { get; init; }

    public string? AgentLegPath { get; init; }

    public static RecordingSource Mixed(string path) => new() { MixedPath = path };

    public static RecordingSource Legs(string callerLegPath, string agentLegPath)
        => new() { CallerLegPath = callerLegPath, AgentLegPath = agentLegPath };

    /// <summary>Every file of the source, in the order caller, agent (or the single mixed file).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Files => MixedPath is not null ? [MixedPath] : [CallerLegPath!, AgentLegPath!];

    public void Validate()
    {
        var mixed = MixedPath is not null;
        var legs = CallerLegPath is not null || AgentLegPath is not null;
        if (mixed == legs || (legs && (CallerLegPath is null || AgentLegPath is null)))
        {
            throw new ArgumentException("A recording source is either one mixed WAV or both legs (caller and agent).");
        }

        foreach (var file in Files)
        {
            if (!Path.IsPathFullyQualified(file))
            {
                throw new ArgumentException($"Recording source paths must be absolute: '{file}'.");
            }
        }
    }
}
