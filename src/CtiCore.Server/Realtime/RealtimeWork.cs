namespace CtiCore.Server.Realtime;

/// <summary>One thing the bridge must push: a call offered to an agent, a call that changed, an agent that changed.</summary>
internal sealed record RealtimeWork(RealtimeWorkKind Kind, string? CallId, long? AgentId);
