namespace CtiCore.Server.Realtime;

public sealed record PopContact(long Id, string Name, string? Position);
