namespace CtiCore.Data.Grains;

/// <summary>
/// One Orleans grain's persisted state, as the CRM database's grain storage provider keeps it: an opaque payload
/// (the serializer's bytes) under the grain's type and id, with the ETag Orleans uses for optimistic concurrency.
/// </summary>
public sealed class GrainStateRecord
{
    /// <summary>Grain type plus state name, e.g. "agent/state"; first half of the key.</summary>
    public required string GrainType { get; set; }

    /// <summary>The grain's key as text; second half of the key.</summary>
    public required string GrainId { get; set; }

    public required byte[] Payload { get; set; }

    /// <summary>Changes on every write; a write that brings a stale ETag must be refused.</summary>
    public required string ETag { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
