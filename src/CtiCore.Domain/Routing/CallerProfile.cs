using Orleans;

namespace CtiCore.Domain.Routing;

/// <summary>What CtiCore knows about the caller when it routes: the CRM client, if any, and their managers.</summary>
[GenerateSerializer, Immutable, Alias("CtiCore.Routing.CallerProfile")]
public sealed record CallerProfile
{
    public static readonly CallerProfile Anonymous = new();

    /// <summary>The caller's number in E.164, when it could be normalized.</summary>
    [Id(0)] public string? NumberE164 { get; set; }

    [Id(1)] public long? ClientId { get; set; }
    [Id(2)] public string? ClientName { get; set; }

    /// <summary>True when the client card was created for this call (the caller was unknown).</summary>
    [Id(3)] public bool CreatedNow { get; set; }

    [Id(4)] public bool IsVip { get; set; }
    [Id(5)] public long? ResponsibleManagerId { get; set; }

    /// <summary>The agent who last answered a call of this client, and when.</summary>
    [Id(6)] public long? LastAnsweredAgentId { get; set; }

    [Id(7)] public DateTimeOffset? LastAnsweredAt { get; set; }

    /// <summary>A known client: one that was in the CRM before this call.</summary>
    public bool IsKnownClient => ClientId is not null && !CreatedNow;

    public QueuePriority QueuePriority =>
        IsVip ? QueuePriority.Vip : IsKnownClient ? QueuePriority.KnownClient : QueuePriority.Normal;
}
