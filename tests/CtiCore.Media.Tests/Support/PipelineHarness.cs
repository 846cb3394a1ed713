using CtiCore.Media.Recording;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Media.Tests.Support;

/// <summary>A real pipeline (journal on disk, libopus, verification) on a temp root and a fake clock.</summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private RecordingEncoder? _encoder;

    public PipelineHarness(int maxAttempts = 5)
    {
        Root = Path.Combine(_directory.Path, "recordings");
        Incoming = Path.Combine(_directory.Path, "incoming");
        Directory.CreateDirectory(Incoming);
        Options = new RecordingOptions { Root = Root, MaxAttempts = maxAttempts, RetryBaseDelay = TimeSpan.FromSeconds(30) };
        Layout = new RecordingStorageLayout(Root);
        Store = new FileRecordingJobStore(Root, NullLogger<FileRecordingJobStore>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 5, 10, 0, 0, TimeSpan.Zero));

    public string Root { get; }

    public string Incoming { get; }

    public RecordingOptions Options { get; }

    public RecordingStorageLayout Layout { get; }

    public FileRecordingJobStore Store { get; }

    public RecordingEncoder Encoder => _encoder ?? throw new InvalidOperationException("Start the harness first.");

    public static CancellationToken Timeout => TestContext.Current.CancellationToken;

    public async Task<RecordingEncoder> StartAsync()
    {
        var processor = new RecordingJobProcessor(Layout, Store, Options.ToEncodingSettings(), Time, NullLogger<RecordingJobProcessor>.Instance);
        _encoder = new RecordingEncoder(Store, processor, Microsoft.Extensions.Options.Options.Create(Options), Time, NullLogger<RecordingEncoder>.Instance);
        await _encoder.StartAsync(Timeout);
        return _encoder;
    }

    public string WriteWav(string name, CtiCore.Media.Wav.WavFormat format, short[] samples)
    {
        var path = Path.Combine(Incoming, name);
        CtiCore.Media.Wav.WavWriter.WriteFile(path, format, samples);
        return path;
    }

    public string[] VisibleRecordings()
        => Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains(FileRecordingJobStore.JournalFolder, StringComparison.Ordinal))
            .ToArray();

    public async ValueTask DisposeAsync()
    {
        if (_encoder is not null)
        {
            await _encoder.DisposeAsync();
        }

        _directory.Dispose();
    }
}
