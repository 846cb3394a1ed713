namespace CtiCore.Server.Realtime;

/// <summary>The answer to <c>GetSnapshot</c>: the current state and the live pop (a ringing call included), so a reconnected or gapped client starts over from <see cref="Sequence"/>.</summary>
public sealed record AgentSnapshotMessage(long Sequence, AgentDeskState State, ScreenPop? Pop);
