using CtiCore.Testing;
using System.Security.Cryptography;
using CtiCore.EndToEnd.Tests.Harness;
using CtiCore.Media.Recording;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CtiCore.EndToEnd.Tests;

/// <summary>Issue 6's done-when: a real call through Asterisk ends with a playable, verified Opus file linked to its Interaction.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class RecordingCallTests(EndToEndFixture e2e)
{
    [Fact]
    public async Task A_real_call_ends_with_a_verified_playable_opus_file_linked_to_its_interaction()
    {
        await e2e.AllAgentsAvailableAsync();
        var caller = EndToEndFixture.NewCallerNumber();

        var call = await SippCaller.CallWithAudioAsync(e2e.Asterisk.SipPort, e2e.WorkFolder, caller, EndToEndFixture.DialledNumber, TimeSpan.FromSeconds(3));

        Assert.True(call.Succeeded, call.ToString());
        var interaction = Assert.Single(await e2e.InteractionsAsync(i => i.FromNumber == caller));
        var job = await e2e.Server.Services.GetRequiredService<RecordingEncoder>().WhenFinishedAsync(interaction.CallKey, TestContext.Current.CancellationToken);
        Assert.True(job.State == RecordingJobState.Done, $"job {job.State}: {job.LastError}");
        Assert.False(File.Exists(job.Source.MixedPath), "MixMonitor's WAV is removed once the Opus file is verified");

        var linked = await Eventually.GetAsync(
            () => e2e.Server.QueryAsync(db => db.Interactions.AsNoTracking().Where(i => i.Id == interaction.Id && i.RecordingSha256 != null).FirstOrDefaultAsync()),
            TimeSpan.FromSeconds(30), "the recording linked to its interaction");
        var file = e2e.Server.Services.GetRequiredService<RecordingStorageLayout>().FullPath(linked.RecordingKey!);
        var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), linked.RecordingSha256);
        Assert.Equal(job.Sha256, linked.RecordingSha256);
        Assert.Equal(bytes.Length, linked.RecordingBytes);
        Assert.Equal(job.SourceFrames * 1000 / job.SampleRate, linked.RecordingDurationMs);
        Assert.True(linked.RecordingDurationMs > 0);

        var info = await ProcessRunner.RunAsync("opusinfo", [file], null, TimeSpan.FromSeconds(30));
        Assert.True(info.ExitCode == 0, info.Output);
        Assert.Contains($"CTICORE_CALL_KEY={interaction.CallKey}", info.Output, StringComparison.Ordinal);
        var decoded = Path.Combine(e2e.WorkFolder, interaction.CallKey + ".decoded.wav");
        var dec = await ProcessRunner.RunAsync("opusdec", ["--quiet", file, decoded], null, TimeSpan.FromSeconds(30));
        Assert.True(dec.ExitCode == 0 && new FileInfo(decoded).Length > 44, dec.Output);

        // The agent who took the call plays it back over HTTP, byte for byte.
        var agent = e2e.Agent(linked.AgentId!.Value);
        using var playback = await agent.Api.GetAsync($"/api/recordings/{linked.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, playback.StatusCode);
        Assert.Equal("audio/ogg", playback.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await playback.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }
}
