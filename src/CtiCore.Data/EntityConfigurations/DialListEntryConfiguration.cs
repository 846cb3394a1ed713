using CtiCore.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CtiCore.Data.EntityConfigurations;

internal sealed class DialListEntryConfiguration : IEntityTypeConfiguration<DialListEntry>
{
    public void Configure(EntityTypeBuilder<DialListEntry> builder)
    {
        builder.ToTable("dial_list_entries");
        builder.Property(e => e.E164).HasMaxLength(16).IsRequired();
        builder.Property(e => e.OriginalText).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Name).HasMaxLength(300);
        builder.Property(e => e.Region).HasMaxLength(100);
        builder.Property(e => e.TimeZone).HasMaxLength(64);
        builder.Property(e => e.LastDisposition).HasMaxLength(64);
        builder.Property(e => e.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.LastOutcome).HasConversion<string>().HasMaxLength(24);

        // A number once per campaign: the import relies on it, and a second row would mean a second call.
        builder.HasIndex(e => new { e.CampaignId, e.E164 }).IsUnique();

        // The dialer's hopper query: next pending entries of a campaign by due time.
        builder.HasIndex(e => new { e.CampaignId, e.State, e.NextAttemptAt });

        // The 72-hour rule is per number across campaigns.
        builder.HasIndex(e => new { e.E164, e.LastAbandonedAt });

        builder.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Domain.Crm.Client>().WithMany().HasForeignKey(e => e.ClientId).OnDelete(DeleteBehavior.SetNull);
    }
}
