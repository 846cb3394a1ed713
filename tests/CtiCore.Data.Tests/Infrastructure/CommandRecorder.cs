using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CtiCore.Data.Tests.Infrastructure;

/// <summary>Remembers the last query EF sent, with its parameter values, so a test can ask the database for its plan.</summary>
internal sealed class CommandRecorder : DbCommandInterceptor
{
    public string? LastSql { get; private set; }

    public IReadOnlyList<(string Name, object? Value)> LastParameters { get; private set; } = [];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        LastSql = command.CommandText;
        LastParameters = command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList();
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
