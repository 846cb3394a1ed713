using CtiCore.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CtiCore.Data.EntityConfigurations;

internal sealed class DialListImportConfiguration : IEntityTypeConfiguration<DialListImport>
{
    public void Configure(EntityTypeBuilder<DialListImport> builder)
    {
        builder.ToTable("dial_list_imports");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasMaxLength(32);
        builder.Property(i => i.State).HasMaxLength(16).IsRequired();
        builder.Property(i => i.Error).HasMaxLength(500);
        builder.HasIndex(i => new { i.CampaignId, i.StartedAt });
        builder.HasIndex(i => i.State);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(i => i.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
