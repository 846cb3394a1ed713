using System.Runtime.InteropServices;

namespace CtiCore.LookupBench;

/// <summary>
/// CPU time consumed by the calling thread (Linux CLOCK_THREAD_CPUTIME_ID), in Stopwatch-compatible ticks of 100 ns.
/// On a shared machine wall-clock latency includes time spent waiting for a core; this clock does not, so the
/// two together separate the code's own cost from the machine's queueing.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3; // <time.h>

    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    /// <summary>Nanoseconds of CPU time this thread has used so far.</summary>
    public static long NowNanoseconds() => TryRead(out var value) ? value : 0;

    private static bool TryRead(out long nanoseconds)
    {
        nanoseconds = 0;
        if (ClockGetTime(ClockThreadCpuTimeId, out var time) != 0)
        {
            return false;
        }

        nanoseconds = (time.Seconds * 1_000_000_000) + time.Nanoseconds;
        return true;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
