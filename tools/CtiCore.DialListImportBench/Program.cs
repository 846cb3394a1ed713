using System.Diagnostics;
using System.Globalization;
using CtiCore.Data;
using CtiCore.Data.Campaigns;
using CtiCore.DialListImportBench;
using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Phones;
using Microsoft.EntityFrameworkCore;

// Usage: dotnet run --project tools/CtiCore.DialListImportBench -c Release -- [rows...]   (default: 100000 1000000)
// Each size is imported into a fresh SQLite file; the first size is the baseline of the ratios.
var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [100_000, 1_000_000];
var inv = CultureInfo.InvariantCulture;
Console.WriteLine("| Rows | Time | Rows/s | Managed heap after first 10 % | Managed heap at end | Retained growth | Peak working set |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
foreach (var rows in sizes)
{
    var dir = Directory.CreateTempSubdirectory("cticore-importbench-");
    try
    {
        var csv = Path.Combine(dir.FullName, "list.csv");
        DialListFileGenerator.Write(csv, rows, duplicateEvery: 50);
        var options = new DbContextOptionsBuilder<SqliteCrmDbContext>().UseSqlite($"Data Source={Path.Combine(dir.FullName, "crm.db")}").Options;
        long campaignId;
        await using (var setup = new SqliteCrmDbContext(options))
        {
            await setup.Database.EnsureCreatedAsync();
            var campaign = new Campaign { Name = "Bench", CallingWindows = CallingWindow.Weekdays(new TimeOnly(9, 0), new TimeOnly(21, 0)) };
            setup.Campaigns.Add(campaign);
            await setup.SaveChangesAsync();
            campaignId = campaign.Id;
        }

        long early = 0, peakHeap = 0;
        var progress = new Progress(p =>
        {
            peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
            if (early == 0 && p.RowsRead >= rows / 10)
            {
                early = GC.GetTotalMemory(forceFullCollection: true);
            }
        });

        await using var db = new SqliteCrmDbContext(options);
        await using var file = File.OpenRead(csv);
        var stopwatch = Stopwatch.StartNew();
        var result = await new DialListImporter(db, new PhoneNormalizer("RU"), TimeProvider.System)
            .ImportAsync(campaignId, file, Stream.Null, progress);
        stopwatch.Stop();
        var end = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(string.Create(inv, $"| {rows:N0} | {stopwatch.Elapsed.TotalSeconds:F1} s | {rows / stopwatch.Elapsed.TotalSeconds:N0} | {early / 1048576.0:F1} MB | {end / 1048576.0:F1} MB | {(end - early) / 1048576.0:F1} MB | {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB |"));
        Console.Error.WriteLine(result);
    }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Delete(recursive: true);
    }
}

internal sealed class Progress(Action<DialListImportProgress> report) : IProgress<DialListImportProgress>
{
    public void Report(DialListImportProgress value) => report(value);
}
