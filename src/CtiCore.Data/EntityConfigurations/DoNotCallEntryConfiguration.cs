using CtiCore.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CtiCore.Data.EntityConfigurations;

internal sealed class DoNotCallEntryConfiguration : IEntityTypeConfiguration<DoNotCallEntry>
{
    public void Configure(EntityTypeBuilder<DoNotCallEntry> builder)
    {
        builder.ToTable("do_not_call");
        builder.Property(e => e.E164).HasMaxLength(16).IsRequired();
        builder.Property(e => e.Reason).HasMaxLength(200);
        builder.HasIndex(e => new { e.E164, e.CampaignId });
        builder.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
