namespace CtiCore.Server.Realtime;

/// <summary>Calls of one UTC hour of today.</summary>
public sealed record HourFigures(int Hour, int Answered, int Abandoned);
