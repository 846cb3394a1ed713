using CtiCore.Domain.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CtiCore.Data.Crm;

public static class CrmPortsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the EF implementations of the CRM ports the grains use. The host must have registered
    /// <c>AddDbContextFactory&lt;TContext&gt;</c> (grains outlive any scope, so they open a context per operation).
    /// </summary>
    public static IServiceCollection AddCtiCoreCrmPorts<TContext>(this IServiceCollection services)
        where TContext : CrmDbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IDbContextFactory<CrmDbContext>>(sp => new CrmContextFactory<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
        services.TryAddSingleton<ICallerDirectory, EfCallerDirectory>();
        services.TryAddSingleton<IAgentDirectory, EfAgentDirectory>();
        services.TryAddSingleton<ICallJournal, EfCallJournal>();
        return services;
    }
}
