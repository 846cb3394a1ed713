namespace CtiCore.Server.Realtime;

public sealed record PopTask(long Id, string Title, DateTimeOffset DueAt);
