namespace CtiCore.Server.Realtime;

/// <summary>A campaign disposition as the wrap-up form offers it; <see cref="IsCallback"/> asks for the callback time.</summary>
public sealed record PopDisposition(string Code, string Label, bool IsFinal, bool IsCallback);
