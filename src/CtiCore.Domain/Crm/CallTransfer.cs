namespace CtiCore.Domain.Crm;

/// <summary>
/// One hand-over in a call's transfer chain: the agent who had the call (<see cref="FromAgentId"/>) passed it to
/// <see cref="Destination"/> — another agent (<see cref="ToAgentId"/>) or an outside number. Keyed by the call, not
/// the Interaction, because the transferring agent wraps up while the call still goes on and its Interaction is
/// written only at the end; (<see cref="CallKey"/>, <see cref="Position"/>) is unique, so a repeated write adds nothing.
/// The transferring agent's own wrap-up lives here, so it never overwrites the finishing agent's on the Interaction.
/// </summary>
public sealed class CallTransfer
{
    public long Id { get; set; }

    /// <summary>The call grain key, the same as <see cref="Interaction.CallKey"/>.</summary>
    public required string CallKey { get; set; }

    /// <summary>1 for the first transfer of the call, 2 for the next…</summary>
    public int Position { get; set; }

    public long? FromAgentId { get; set; }
    public User? FromAgent { get; set; }

    /// <summary>The CtiCore agent the call went to; null for an outside number or a phone no agent owns.</summary>
    public long? ToAgentId { get; set; }
    public User? ToAgent { get; set; }

    /// <summary>Endpoint or number as the PBX named it.</summary>
    public string Destination { get; set; } = string.Empty;

    public DateTimeOffset TransferredAt { get; set; }

    /// <summary>The transferring agent's wrap-up.</summary>
    public string? Disposition { get; set; }

    public string? Notes { get; set; }
}
