using CtiCore.Domain.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CtiCore.Data.Crm;

public static class CrmPortsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the EF implementations of the CRM ports the grains use (<see cref="ICallerDirectory"/>,
    /// <see cref="IAgentDirectory"/>, <see cref="ICallJournal"/>). They need an <see cref="IDbContextFactory{CrmDbContext}"/>,
    /// which <c>AddCrmData</c> registers: grains outlive any scope, so they open a pooled context per operation.
    /// </summary>
    public static IServiceCollection AddCtiCoreCrmPorts(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ICallerDirectory, EfCallerDirectory>();
        services.TryAddSingleton<IAgentDirectory, EfAgentDirectory>();
        services.TryAddSingleton<ICallJournal, EfCallJournal>();
        services.TryAddSingleton<ISipAccountDirectory, EfSipAccountDirectory>();
        services.TryAddSingleton<ICampaignStore, EfCampaignStore>();
        return services;
    }

    /// <summary>As <see cref="AddCtiCoreCrmPorts(IServiceCollection)"/>, for a host that registered only <c>AddDbContextFactory&lt;TContext&gt;</c>.</summary>
    public static IServiceCollection AddCtiCoreCrmPorts<TContext>(this IServiceCollection services)
        where TContext : CrmDbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IDbContextFactory<CrmDbContext>, CrmDbContextFactory<TContext>>();
        return services.AddCtiCoreCrmPorts();
    }
}
