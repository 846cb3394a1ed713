using CtiCore.Media.Recording;
using CtiCore.Media.Tests.Support;
using CtiCore.Media.Wav;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CtiCore.Media.Tests.Recording;

/// <summary>The pipeline as the server will host it: configuration, validation on start, the hosted encoder.</summary>
public sealed class RecordingHostingTests
{
    [Fact]
    public async Task The_hosted_encoder_encodes_with_bound_options()
    {
        using var dir = new TempDirectory();
        var wav = dir.File("call.wav");
        WavWriter.WriteFile(wav, new WavFormat(WavEncoding.MuLaw, 8000, 1), Signals.SpeechLike(8000, 2));
        using var host = Build(new()
        {
            ["Recording:Root"] = dir.File("rec"),
            ["Recording:BitratePerChannel"] = "12000",
            ["Recording:Retention:DepartmentDays:sales"] = "30",
        });

        await host.StartAsync(PipelineHarness.Timeout);
        var encoder = host.Services.GetRequiredService<RecordingEncoder>();
        await encoder.EnqueueAsync("hosted", RecordingSource.Mixed(wav), DateTimeOffset.UtcNow, "sales", PipelineHarness.Timeout);
        var job = await encoder.WhenFinishedAsync("hosted", PipelineHarness.Timeout);
        await host.StopAsync(PipelineHarness.Timeout);

        Assert.Equal(RecordingJobState.Done, job.State);
        Assert.Equal(12000, host.Services.GetRequiredService<IOptions<RecordingOptions>>().Value.BitratePerChannel);
        Assert.Equal(30, host.Services.GetRequiredService<IOptions<Media.Retention.RetentionPolicy>>().Value.DaysFor("sales"));
    }

    [Fact]
    public async Task A_missing_root_stops_the_host_at_start()
    {
        using var host = Build(new() { ["Recording:Complexity"] = "12" });
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(PipelineHarness.Timeout));
        Assert.Contains("Root", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Complexity", ex.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddCtiCoreRecording();
        return builder.Build();
    }
}
