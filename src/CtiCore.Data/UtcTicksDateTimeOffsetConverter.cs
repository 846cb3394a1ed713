using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CtiCore.Data;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> in SQLite as its UTC ticks (a 64-bit integer) and reads it back in UTC.
/// </summary>
/// <remarks>
/// EF's DateTimeOffsetToBinaryConverter encodes the <em>local</em> clock ticks plus the offset, so two instants
/// written with different offsets do not sort in time order. UTC ticks always do, which keeps period filters,
/// ORDER BY and the check constraint on absences correct. Reading back in UTC matches PostgreSQL's
/// timestamptz, so both providers return the same values.
/// </remarks>
internal sealed class UtcTicksDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
