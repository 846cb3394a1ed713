using System.Diagnostics;
using System.Globalization;

namespace CtiCore.SipCallBench;

/// <summary>CPU time a process has used (user + system, all its threads), from /proc/PID/stat.</summary>
internal static class ProcessCpu
{
    private static readonly Lazy<double> TicksPerSecond = new(() =>
    {
        using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true })!;
        var text = getconf.StandardOutput.ReadToEnd().Trim();
        getconf.WaitForExit();
        return double.Parse(text, CultureInfo.InvariantCulture);
    });

    public static double Seconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        // The command name (field 2) is in parentheses and may hold spaces; fields 14 and 15 follow it.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / TicksPerSecond.Value;
    }
}
