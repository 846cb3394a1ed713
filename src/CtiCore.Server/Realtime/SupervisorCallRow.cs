namespace CtiCore.Server.Realtime;

/// <summary>A call's change as the console counts it: offered, answered, ended or abandoned.</summary>
public sealed record SupervisorCallRow(string CallId, long? DepartmentId, string Stage, DateTimeOffset At);
