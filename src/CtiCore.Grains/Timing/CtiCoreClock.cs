namespace CtiCore.Grains.Timing;

/// <summary>
/// The DI key of the <see cref="TimeProvider"/> CtiCore's grains use for "now" and for their timers (wrap-up,
/// ring timeout, queue overflow). It is keyed, not the silo's global TimeProvider, because Orleans' own
/// maintenance loops read the global one and spin when a test advances a fake clock (dotnet/orleans#9131).
/// </summary>
public static class CtiCoreClock
{
    public const string Key = "CtiCore";
}
