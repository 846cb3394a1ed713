namespace CtiCore.Server.Api.Clients;

/// <summary>Who owns a number: the client, and the contact person when the number is theirs.</summary>
public sealed record ClientLookupResponse(
    string E164,
    long ClientId,
    string ClientName,
    long? ContactId,
    string? ContactName,
    long? ResponsibleManagerId);
