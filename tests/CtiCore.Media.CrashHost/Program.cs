using CtiCore.Media.Recording;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// Usage: CtiCore.Media.CrashHost <recordings root> <call key> <source wav>
// Queues the recording, lets the encoder write its first block to the partial file, prints
// "PARTIAL <path>" and then blocks the encoding thread until the parent kills the process.
if (args.Length != 3)
{
    await Console.Error.WriteLineAsync("usage: CtiCore.Media.CrashHost <root> <callKey> <wav>");
    return 2;
}

var (root, callKey, wav) = (args[0], args[1], args[2]);
var options = Options.Create(new RecordingOptions { Root = root });
var layout = new RecordingStorageLayout(root);
var store = new FileRecordingJobStore(root, NullLogger<FileRecordingJobStore>.Instance);
var processor = new RecordingJobProcessor(layout, store, options.Value.ToEncodingSettings(), TimeProvider.System,
    NullLogger<RecordingJobProcessor>.Instance, new StopAfterFirstBlock());
await using var encoder = new RecordingEncoder(store, processor, options, TimeProvider.System, NullLogger<RecordingEncoder>.Instance);
await encoder.StartAsync(CancellationToken.None);
await encoder.EnqueueAsync(callKey, RecordingSource.Mixed(wav), DateTimeOffset.UtcNow, null, CancellationToken.None);
await Task.Delay(Timeout.Infinite);
return 0;

internal sealed class StopAfterFirstBlock : IRecordingProgress
{
    public void OnEncoded(string jobId, string partialPath, long framesEncoded, long totalFrames)
    {
        Console.Out.WriteLine($"PARTIAL {partialPath}");
        Console.Out.Flush();
        // Hold the encoder mid-file, with the partial file open, until the parent kills us.
        new ManualResetEventSlim(false).Wait();
    }
}
