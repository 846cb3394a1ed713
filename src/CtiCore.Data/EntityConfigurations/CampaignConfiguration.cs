using CtiCore.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CtiCore.Data.EntityConfigurations;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("campaigns");
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.HasIndex(c => c.Name).IsUnique();
        builder.Property(c => c.CallerId).HasMaxLength(16);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Pacing).HasConversion<string>().HasMaxLength(16);

        // A campaign's settings are small, always read together and edited as one form: one JSON column each,
        // instead of four child tables joined on every load.
        builder.OwnsMany(c => c.CallingWindows, b => b.ToJson());
        builder.OwnsMany(c => c.RetryRules, b => b.ToJson());
        builder.OwnsMany(c => c.Dispositions, b => b.ToJson());
        builder.OwnsMany(c => c.Scripts, b => b.ToJson());

        builder.HasOne<Domain.Crm.Department>().WithMany()
            .HasForeignKey(c => c.DepartmentId).OnDelete(DeleteBehavior.SetNull);
    }
}
