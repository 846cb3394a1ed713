namespace CtiCore.Server.Api.Users;

public sealed record AbsenceRequest(DateTimeOffset? From, DateTimeOffset? To, long? SubstituteUserId, string? Reason);
