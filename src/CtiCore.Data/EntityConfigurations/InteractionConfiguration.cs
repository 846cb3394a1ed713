using CtiCore.Domain.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CtiCore.Data.EntityConfigurations;

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> builder)
    {
        builder.ToTable("interactions");
        builder.Property(i => i.CallKey).HasMaxLength(128).IsRequired();
        builder.Property(i => i.FromNumber).HasMaxLength(64);
        builder.Property(i => i.ToNumber).HasMaxLength(64);
        builder.Property(i => i.PbxCallId).HasMaxLength(256);
        builder.Property(i => i.PbxLinkedId).HasMaxLength(256);
        builder.Property(i => i.Disposition).HasMaxLength(100);
        builder.Property(i => i.Notes).HasMaxLength(4000);
        builder.Property(i => i.RoutingReason).HasMaxLength(1000);
        builder.Property(i => i.RecordingRef).HasMaxLength(500);
        builder.Property(i => i.RecordingKey).HasMaxLength(300);
        builder.Property(i => i.RecordingSha256).HasMaxLength(64);
        builder.Property(i => i.RecordingPauses).HasMaxLength(2000);

        // Exactly-once logging: a second insert of the same call fails on this index.
        builder.HasIndex(i => i.CallKey).IsUnique();
        builder.HasIndex(i => new { i.ClientId, i.OfferedAt });
        builder.HasIndex(i => new { i.AgentId, i.OfferedAt });
        builder.HasIndex(i => i.OfferedAt);

        builder.HasOne(i => i.Client).WithMany().HasForeignKey(i => i.ClientId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(i => i.Contact).WithMany().HasForeignKey(i => i.ContactId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(i => i.Agent).WithMany().HasForeignKey(i => i.AgentId).OnDelete(DeleteBehavior.SetNull);
    }
}
