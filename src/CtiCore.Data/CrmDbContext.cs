using CtiCore.Data.Grains;
using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Data;

/// <summary>
/// The one shared CRM model. Provider-specific subclasses (<see cref="SqliteCrmDbContext"/>,
/// <see cref="PostgresCrmDbContext"/>) exist only so each provider keeps its own migrations.
/// </summary>
public abstract class CrmDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<ContactPerson> Contacts => Set<ContactPerson>();
    public DbSet<PhoneNumber> PhoneNumbers => Set<PhoneNumber>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Absence> Absences => Set<Absence>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<CallTransfer> CallTransfers => Set<CallTransfer>();
    public DbSet<FollowUpTask> Tasks => Set<FollowUpTask>();
    public DbSet<Deal> Deals => Set<Deal>();
    public DbSet<GrainStateRecord> GrainStates => Set<GrainStateRecord>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<DialListEntry> DialListEntries => Set<DialListEntry>();
    public DbSet<DialListImport> DialListImports => Set<DialListImport>();
    public DbSet<DoNotCallEntry> DoNotCall => Set<DoNotCallEntry>();
    public DbSet<RecordingPlayback> RecordingPlaybacks => Set<RecordingPlayback>();
    public DbSet<RecordingErasure> RecordingErasures => Set<RecordingErasure>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CrmDbContext).Assembly);
    }
}
