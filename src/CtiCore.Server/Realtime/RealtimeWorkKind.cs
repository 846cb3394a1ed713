namespace CtiCore.Server.Realtime;

internal enum RealtimeWorkKind
{
    CallOffered,
    CallChanged,
    AgentChanged,
}
