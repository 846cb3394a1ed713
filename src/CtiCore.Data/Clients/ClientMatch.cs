namespace CtiCore.Data.Clients;

/// <summary>Who is calling: the client a phone number belongs to, and the contact person when it is theirs.</summary>
/// <param name="ClientId">The client's id.</param>
/// <param name="ClientName">The client's name, for the screen pop.</param>
/// <param name="ContactId">The contact person whose number it is; null when the number is the client's own.</param>
/// <param name="ContactName">That contact person's name; null when <paramref name="ContactId"/> is null.</param>
/// <param name="ResponsibleManagerId">The client's personal manager, who gets the call first; null when none.</param>
public sealed record ClientMatch(
    long ClientId,
    string ClientName,
    long? ContactId,
    string? ContactName,
    long? ResponsibleManagerId);
