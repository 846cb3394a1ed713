namespace CtiCore.Server.Api.Clients;

public sealed record ContactSummary(long Id, string Name, string? Position);
