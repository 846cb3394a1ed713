namespace CtiCore.Server.Realtime;

/// <summary>The call controls the configured PBX adapter supports beyond hang-up and transfer.</summary>
public sealed record CallControls(bool Hold, bool Answer);
