using CtiCore.Media.Opus;
using CtiCore.Media.Recording;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.Server.FunctionalTests.Infrastructure;

/// <summary>A call's stored Ogg Opus recording decoded into its two channels: the caller's (left) and the agent's (right).</summary>
internal sealed record StereoRecording(int Channels, List<short> Caller, List<short> Agent)
{
    public static StereoRecording Read(IServiceProvider services, string recordingKey)
    {
        var file = services.GetRequiredService<RecordingStorageLayout>().FullPath(recordingKey);
        var caller = new List<short>();
        var agent = new List<short>();
        var info = OggOpusReader.Decode(file, samples =>
        {
            for (var i = 0; i + 1 < samples.Length; i += 2)
            {
                caller.Add(samples[i]);
                agent.Add(samples[i + 1]);
            }
        });
        return new StereoRecording(info.Channels, caller, agent);
    }

    /// <summary>Root mean square of a channel: speech played through the relay is well above 100, silence is 0.</summary>
    public static double Rms(List<short> samples) =>
        samples.Count == 0 ? 0 : Math.Sqrt(samples.Average(s => (double)s * s));
}
