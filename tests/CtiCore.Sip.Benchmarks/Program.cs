using BenchmarkDotNet.Running;
using CtiCore.Sip.Benchmarks;
using CtiCore.Sip.Benchmarks.Rtp;

if (args is ["--rtp-cpu", ..])
{
    return await RtpRelayCpuRun.RunAsync(args[1..]);
}

// Sanity first: both parsers must agree on what they read, or the comparison is meaningless.
if (SipParsingBenchmarks.NaiveFields(SipParsingBenchmarks.Invite) != SipParsingBenchmarks.SpanFields(SipParsingBenchmarks.Invite)
    || SipParsingBenchmarks.NaiveFields(SipParsingBenchmarks.Register) != SipParsingBenchmarks.SpanFields(SipParsingBenchmarks.Register))
{
    Console.Error.WriteLine("The baseline and the span parser disagree on the fields read.");
    return 1;
}
BenchmarkSwitcher.FromAssembly(typeof(SipParsingBenchmarks).Assembly).Run(args);
return 0;
