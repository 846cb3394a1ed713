using System.Collections.Concurrent;
using CtiCore.Domain.Ports;
using CtiCore.Grains.Hosting;
using CtiCore.Grains.Timing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CtiCore.Grains.Calls;

/// <summary>
/// Which department answers a dialled number, remembered by this silo for <c>CtiCore:Grains:DirectoryRefreshSeconds</c>
/// (the staleness the routers already accept for settings and absences). Every inbound call asks, and reading every
/// department's numbers from the CRM was the costliest step of an offer. Only hits are remembered, so a number just
/// given to a department is found on its first call; a number moved to another department follows within the period.
/// </summary>
internal sealed class DepartmentNumberCache(
    IAgentDirectory directory,
    IOptions<CtiCoreGrainsOptions> options,
    [FromKeyedServices(CtiCoreClock.Key)] TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (long DepartmentId, DateTimeOffset At)> _hits = new(StringComparer.Ordinal);

    public async Task<long?> FindAsync(string dialledE164, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_hits.TryGetValue(dialledE164, out var hit) && now - hit.At < TimeSpan.FromSeconds(options.Value.DirectoryRefreshSeconds))
        {
            return hit.DepartmentId;
        }

        var found = await directory.FindDepartmentByNumberAsync(dialledE164, cancellationToken).ConfigureAwait(false);
        if (found is { } departmentId)
        {
            _hits[dialledE164] = (departmentId, now);
        }
        else
        {
            _hits.TryRemove(dialledE164, out _);
        }

        return found;
    }
}
