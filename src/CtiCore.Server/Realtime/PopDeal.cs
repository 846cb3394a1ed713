namespace CtiCore.Server.Realtime;

public sealed record PopDeal(long Id, string Title, string Stage, decimal Amount, string Currency);
