using System.Text;
using CtiCore.Data.Campaigns;
using CtiCore.DialListImportBench;
using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Phones;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Data.Tests.Campaigns;

/// <summary>The importer against real SQLite in a temp file (schema by EnsureCreated until the migrations land).</summary>
public sealed class DialListImporterTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"cticore-import-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly long _campaignId;

    public DialListImporterTests()
    {
        using var db = NewContext();
        db.Database.EnsureCreated();
        var client = new Client { Name = "ООО Ромашка", CreatedAt = _time.GetUtcNow(), UpdatedAt = _time.GetUtcNow() };
        client.Phones.Add(new PhoneNumber { E164 = "+74956601812", OriginalText = "8 495 660-18-12" });
        db.Clients.Add(client);
        var campaign = new Campaign
        {
            Name = "Autumn",
            CallingWindows = CallingWindow.Weekdays(new TimeOnly(9, 0), new TimeOnly(21, 0)),
            RetryRules = [new RetryRule(DialOutcome.Busy, TimeSpan.FromMinutes(10))],
            Dispositions = [new CampaignDisposition { Code = "sale", Label = "Sale", IsFinal = true }],
            Scripts = [new ConversationScript { Text = "Hello" }],
        };
        db.Campaigns.Add(campaign);
        db.SaveChanges();
        _campaignId = campaign.Id;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    private SqliteCrmDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteCrmDbContext>().UseSqlite($"Data Source={_path}").Options);

    private async Task<(DialListImportResult Result, string Errors)> Import(byte[] csv)
    {
        await using var db = NewContext();
        var errors = new MemoryStream();
        var result = await new DialListImporter(db, new PhoneNormalizer("RU"), _time)
            .ImportAsync(_campaignId, new MemoryStream(csv), errors, cancellationToken: TestContext.Current.CancellationToken);
        return (result, Encoding.UTF8.GetString(errors.ToArray()));
    }

    private static byte[] Utf8(string text, bool bom = false) =>
        [.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text)];

    [Fact]
    public async Task Campaign_settings_round_trip_through_their_json_columns()
    {
        await using var db = NewContext();
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == _campaignId, TestContext.Current.CancellationToken);

        Assert.Equal(5, campaign.CallingWindows.Count);
        Assert.Equal(new TimeOnly(21, 0), campaign.CallingWindows[0].End);
        Assert.Equal(TimeSpan.FromMinutes(10), campaign.RetryRules.Single().Delay);
        Assert.True(campaign.Dispositions.Single().IsFinal);
        Assert.Equal(DialCompliance.DefaultAbandonCap, campaign.AbandonCap);
    }

    [Theory]
    [InlineData(';', false)]
    [InlineData(',', true)]
    [InlineData('\t', false)]
    public async Task Semicolon_comma_and_tab_files_in_UTF8_with_or_without_BOM_import_alike(char separator, bool bom)
    {
        var s = separator;
        var csv = $"Телефон{s}ФИО{s}Регион\r\n8 (495) 660-18-12{s}Иванов Иван{s}Москва\r\n+7 343 200-00-00{s}\"Петров{(s == ',' ? ";" : ",")} Пётр\"{s}Урал\r\n";

        var (result, errors) = await Import(Utf8(csv, bom));

        Assert.Equal(2, result.Accepted);
        Assert.Equal(0, result.Rejected);
        Assert.Equal(separator, result.Separator);
        Assert.Equal(1, result.LinkedToClients);
        Assert.Equal(["line,raw,reason"], errors.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        await using var db = NewContext();
        var ivanov = await db.DialListEntries.SingleAsync(e => e.E164 == "+74956601812", TestContext.Current.CancellationToken);
        Assert.Equal("Иванов Иван", ivanov.Name);
        Assert.NotNull(ivanov.ClientId);
        Assert.Equal(2, ivanov.SourceLine);
    }

    [Fact]
    public async Task A_Windows_1251_file_keeps_its_Cyrillic()
    {
        var bytes = CodePages().GetBytes("телефон;имя\r\n+74232000000;Сидорова Анна\r\n");

        var (result, _) = await Import(bytes);

        Assert.Equal("Windows-1251", result.Encoding);
        await using var db = NewContext();
        Assert.Equal("Сидорова Анна", (await db.DialListEntries.SingleAsync(TestContext.Current.CancellationToken)).Name);
    }

    [Fact]
    public async Task UTF16_without_a_byte_order_mark_is_refused_with_a_clear_error()
    {
        var bytes = Encoding.Unicode.GetBytes("phone\r\n+74956601812\r\n");

        var error = await Assert.ThrowsAsync<DialListImportException>(() => Import(bytes));

        Assert.Contains("UTF-16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_with_bytes_of_another_encoding_in_a_UTF8_file_is_rejected_not_garbled()
    {
        // Mostly UTF-8, with one row pasted in from a Windows-1251 file.
        var head = Utf8("phone;name\r\n+74956601812;Иванов Иван\r\n+74956601813;Сидорова Анна\r\n+74956601814;Кузнецов Олег\r\n");
        var tail = CodePages().GetBytes("+73432000000;Петров\r\n");

        var (result, errors) = await Import([.. head, .. tail]);

        Assert.Equal("UTF-8", result.Encoding);
        Assert.Equal(3, result.Accepted);
        Assert.Equal(1, result.Rejected);
        Assert.Contains("not valid UTF-8", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_separator_reports_the_header_it_saw()
    {
        var error = await Assert.ThrowsAsync<DialListImportException>(() => Import(Utf8("phone|name\r\n+74956601812|Иванов\r\n")));

        Assert.Contains("\"phone|name\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("separator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_a_phone_column_is_refused_naming_the_accepted_headers()
    {
        var error = await Assert.ThrowsAsync<DialListImportException>(() => Import(Utf8("name;region\r\nИванов;Москва\r\n")));

        Assert.Contains("No phone column", error.Message, StringComparison.Ordinal);
        Assert.Contains("телефон", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_numbers_duplicates_unknown_clients_and_zones_each_get_a_line_and_a_reason()
    {
        const string csv =
            "phone;name;client id;time zone\r\n" +
            "+74956601812;Good one;;\r\n" +          // line 2: accepted, linked by phone
            "hello;Not a number;;\r\n" +             // line 3
            "8 495 660-18-12;Same as line 2;;\r\n" +  // line 4: duplicate
            "+73432000000;Ghost client;999;\r\n" +    // line 5
            "+73832000000;Bad zone;;Mars/Base\r\n" +  // line 6
            "+74232000000;Good two;;Asia/Vladivostok\r\n"; // line 7: accepted

        var (result, errors) = await Import(Utf8(csv));

        Assert.Equal(6, result.RowsRead);
        Assert.Equal(2, result.Accepted);
        Assert.Equal(4, result.Rejected);
        Assert.Equal(1, result.Duplicates);
        var lines = errors.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("line,raw,reason", lines[0]);
        Assert.StartsWith("3,", lines[1], StringComparison.Ordinal);
        Assert.Contains("not a phone number", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("4,", lines[2], StringComparison.Ordinal);
        Assert.Contains("duplicate of line 2", lines[2], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("5,", StringComparison.Ordinal) && l.Contains("client 999 does not exist", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("6,", StringComparison.Ordinal) && l.Contains("Mars/Base", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Importing_the_same_list_twice_adds_nothing_the_second_time()
    {
        var csv = Utf8("phone\r\n+74956601812\r\n+73432000000\r\n");
        await Import(csv);

        var (again, errors) = await Import(csv);

        Assert.Equal(0, again.Accepted);
        Assert.Equal(2, again.Duplicates);
        Assert.Contains("already in the campaign's dial list", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_large_import_streams_in_bounded_memory_and_reports_progress()
    {
        const int rows = 100_000;
        var path = Path.Combine(Path.GetTempPath(), $"cticore-dial-{Guid.NewGuid():N}.csv");
        try
        {
            DialListFileGenerator.Write(path, rows, duplicateEvery: 50);
            var samples = new List<(long Rows, long Heap)>();
            var progress = new SynchronousProgress<DialListImportProgress>(p =>
            {
                if (p.RowsRead % 10_000 < 1000)
                {
                    samples.Add((p.RowsRead, GC.GetTotalMemory(forceFullCollection: true)));
                }
            });

            await using var db = NewContext();
            await using var file = File.OpenRead(path);
            var result = await new DialListImporter(db, new PhoneNormalizer("RU"), _time)
                .ImportAsync(_campaignId, file, Stream.Null, progress, TestContext.Current.CancellationToken);

            Assert.Equal(rows, result.RowsRead);
            Assert.Equal(rows / 50, result.Duplicates);
            Assert.Equal(rows - (rows / 50), result.Accepted);
            Assert.True(samples.Count >= 8, $"progress reported {samples.Count} times");

            // What stays after the first tenth is the duplicate filter (≈ 20 bytes a number, 2 MB here).
            // With ChangeTracker.Clear() removed from the importer this grew 80 MB (checked once), so the bound bites.
            var growth = samples[^1].Heap - samples[0].Heap;
            Assert.True(growth < 16 * 1024 * 1024, $"retained heap grew {growth / 1024 / 1024} MB from {samples[0].Rows} to {samples[^1].Rows} rows");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Encoding CodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1251);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
