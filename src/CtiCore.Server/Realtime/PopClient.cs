namespace CtiCore.Server.Realtime;

/// <summary>The recognized client on a pop. <see cref="LocalTime"/> is the client's wall clock (its IANA zone), e.g. Vladivostok while the agent sits in Moscow.</summary>
public sealed record PopClient(
    long Id,
    string Name,
    string? Segment,
    string? Region,
    string? TimeZone,
    DateTimeOffset? LocalTime,
    long? ResponsibleManagerId,
    string? ResponsibleManagerName);
