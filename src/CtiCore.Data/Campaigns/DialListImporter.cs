using System.Globalization;
using System.Text;
using CsvHelper;
using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Phones;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Data.Campaigns;

/// <summary>
/// Streams a CSV dial list into a campaign: sniffs encoding and separator, maps the header, normalizes every
/// number, drops duplicates, links rows to CRM clients and inserts in batches, so a million rows take the
/// memory of one batch plus one 64-bit key per distinct number. Every rejected row goes to the error report
/// (line, raw row, reason); every other row is inserted, none is dropped silently.
/// </summary>
public sealed class DialListImporter(CrmDbContext db, PhoneNormalizer normalizer, TimeProvider time)
{
    private readonly CrmDbContext _db = db;
    private readonly TimeProvider _time = time;

    /// <summary>Rows per round trip: lookups and one SaveChanges per batch, then the change tracker is cleared.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <param name="errorReport">Receives the rejected rows as CSV (line, raw, reason); left open.</param>
    public async Task<DialListImportResult> ImportAsync(long campaignId, Stream csv, Stream errorReport,
        IProgress<DialListImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(errorReport);
        if (!await _db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken))
        {
            throw new DialListImportException($"Campaign {campaignId} does not exist.");
        }

        var (format, content) = await CsvFormat.DetectAsync(csv, cancellationToken);
        using var errors = new ErrorReport(errorReport);
        var options = new CsvReaderOptions
        {
            Separator = format.Separator,
            Encoding = format.Encoding,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = bad => errors.Add(bad.LineNumber, bad.RawRecord, $"malformed CSV ({bad.Reason})"),
            MaxRecordSize = 1 << 20,
        };

        await using var reader = CsvReader.Create(content, options, leaveOpen: true);
        var columns = DialListColumns.Map(reader.Headers, format.Separator);
        var run = new ImportRun(this, campaignId, errors, progress);

        while (await reader.ReadAsync(cancellationToken))
        {
            run.RowsRead++;
            var line = (int)reader.LineNumber;
            if (!TryReadRow(reader, columns, line, out var row, out var reason))
            {
                errors.Add(line, Raw(reader), reason);
                continue;
            }

            if (!run.FirstSeen(row.E164, line, out var firstLine))
            {
                run.Duplicates++;
                errors.Add(line, Raw(reader), $"duplicate of line {firstLine} ({row.E164})");
                continue;
            }

            run.Batch.Add(row);
            if (run.Batch.Count >= BatchSize)
            {
                await run.FlushAsync(cancellationToken);
            }
        }

        await run.FlushAsync(cancellationToken);
        errors.Flush();
        return new DialListImportResult(run.RowsRead, run.Accepted, errors.Count, run.Duplicates, run.Linked, format.EncodingName, format.Separator);
    }

    private bool TryReadRow(CsvReader reader, DialListColumns columns, int line, out PendingRow row, out string reason)
    {
        row = default!;
        string? Field(int index) => index < 0 || index >= reader.FieldCount ? null : NullIfEmpty(reader.GetString(index));

        var phone = Field(columns.Phone);
        var name = Field(columns.Name);
        if ((phone?.Contains('\uFFFD', StringComparison.Ordinal) ?? false) || (name?.Contains('\uFFFD', StringComparison.Ordinal) ?? false))
        {
            reason = "the row has bytes that are not valid UTF-8 (is part of the file in another encoding?)";
            return false;
        }

        if (!normalizer.TryNormalize(phone, out var e164, out var error))
        {
            reason = error ?? "not a phone number";
            return false;
        }

        long? clientId = null;
        if (Field(columns.ClientId) is { } clientText)
        {
            if (!long.TryParse(clientText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                reason = $"client id '{clientText}' is not a positive whole number";
                return false;
            }

            clientId = id;
        }

        var zone = Field(columns.TimeZone);
        if (zone is not null && !CalleeTimeZones.TryFind(zone, out _))
        {
            reason = $"time zone '{zone}' is not an IANA zone id (such as Europe/Moscow)";
            return false;
        }

        reason = string.Empty;
        row = new PendingRow(line, e164, phone!, Truncate(name, 300), clientId, Truncate(Field(columns.Region), 100), zone);
        return true;
    }

    private static string Raw(CsvReader reader) => Encoding.UTF8.GetString(reader.RawRecord);

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];

    private sealed record PendingRow(int Line, string E164, string Original, string? Name, long? ClientId, string? Region, string? TimeZone);

    /// <summary>The state of one import: the duplicate filter, the current batch and the counters.</summary>
    private sealed class ImportRun(DialListImporter owner, long campaignId, ErrorReport errors, IProgress<DialListImportProgress>? progress)
    {
        // E.164 digits fit in 64 bits (at most 15 digits), so the filter costs one long and one int per distinct number.
        private readonly Dictionary<long, int> _seen = [];

        public List<PendingRow> Batch { get; } = [];
        public long RowsRead { get; set; }
        public long Accepted { get; private set; }
        public long Duplicates { get; set; }
        public long Linked { get; private set; }

        public bool FirstSeen(string e164, int line, out int firstLine)
        {
            var key = long.Parse(e164.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture);
            if (_seen.TryGetValue(key, out firstLine))
            {
                return false;
            }

            _seen[key] = line;
            return true;
        }

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            var db = owner._db;
            if (Batch.Count > 0)
            {
                var numbers = Batch.Select(r => r.E164).ToList();
                var already = (await db.DialListEntries.AsNoTracking()
                        .Where(e => e.CampaignId == campaignId && numbers.Contains(e.E164))
                        .Select(e => e.E164).ToListAsync(cancellationToken))
                    .ToHashSet(StringComparer.Ordinal);

                var requestedClients = Batch.Where(r => r.ClientId is not null).Select(r => r.ClientId!.Value).Distinct().ToList();
                var existingClients = requestedClients.Count == 0
                    ? []
                    : (await db.Clients.AsNoTracking().Where(c => requestedClients.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();

                var owners = (await db.PhoneNumbers.AsNoTracking()
                        .Where(p => numbers.Contains(p.E164))
                        .Select(p => new { p.E164, ClientId = p.ClientId ?? p.Contact!.ClientId })
                        .ToListAsync(cancellationToken))
                    .ToDictionary(p => p.E164, p => (long?)p.ClientId, StringComparer.Ordinal);

                var now = owner._time.GetUtcNow();
                var entries = new List<DialListEntry>(Batch.Count);
                foreach (var row in Batch)
                {
                    if (already.Contains(row.E164))
                    {
                        Duplicates++;
                        errors.Add(row.Line, row.Original, $"{row.E164} is already in the campaign's dial list");
                        continue;
                    }

                    if (row.ClientId is { } wanted && !existingClients.Contains(wanted))
                    {
                        errors.Add(row.Line, row.Original, $"client {wanted} does not exist in the CRM");
                        continue;
                    }

                    var clientId = row.ClientId ?? owners.GetValueOrDefault(row.E164);
                    if (clientId is not null)
                    {
                        Linked++;
                    }

                    entries.Add(new DialListEntry
                    {
                        CampaignId = campaignId,
                        E164 = row.E164,
                        OriginalText = row.Original.Length <= 64 ? row.Original : row.Original[..64],
                        Name = row.Name,
                        ClientId = clientId,
                        Region = row.Region,
                        TimeZone = row.TimeZone,
                        State = DialListEntryState.Pending,
                        SourceLine = row.Line,
                        CreatedAt = now,
                    });
                }

                db.DialListEntries.AddRange(entries);
                await db.SaveChangesAsync(cancellationToken);

                // Without this the context keeps every inserted entity: a million rows would stay in memory.
                db.ChangeTracker.Clear();
                Accepted += entries.Count;
                Batch.Clear();
            }

            progress?.Report(new DialListImportProgress(RowsRead, Accepted, errors.Count));
        }
    }

    /// <summary>The downloadable report of rejected rows: line, raw row, reason.</summary>
    private sealed class ErrorReport : IDisposable
    {
        private readonly CsvWriter _writer;

        public ErrorReport(Stream destination)
        {
            _writer = CsvWriter.Create(destination, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
            _writer.WriteHeader(["line", "raw", "reason"]);
        }

        public long Count { get; private set; }

        public void Add(long line, string raw, string reason)
        {
            Count++;
            _writer.WriteRecord([line.ToString(CultureInfo.InvariantCulture), raw, reason]);
        }

        public void Flush() => _writer.Flush();

        public void Dispose() => _writer.Dispose();
    }
}
