using CtiCore.Domain.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CtiCore.Data.EntityConfigurations;

internal sealed class CallTransferConfiguration : IEntityTypeConfiguration<CallTransfer>
{
    public void Configure(EntityTypeBuilder<CallTransfer> builder)
    {
        builder.ToTable("call_transfers");
        builder.Property(t => t.CallKey).HasMaxLength(128).IsRequired();
        builder.Property(t => t.Destination).HasMaxLength(256).IsRequired();
        builder.Property(t => t.Disposition).HasMaxLength(100);
        builder.Property(t => t.Notes).HasMaxLength(4000);

        // Exactly-once per hand-over: the grain rewrites the chain at the end of the call.
        builder.HasIndex(t => new { t.CallKey, t.Position }).IsUnique();

        // "My calls" of an agent include the calls they handed on.
        builder.HasIndex(t => new { t.FromAgentId, t.CallKey });

        builder.HasOne(t => t.FromAgent).WithMany().HasForeignKey(t => t.FromAgentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(t => t.ToAgent).WithMany().HasForeignKey(t => t.ToAgentId).OnDelete(DeleteBehavior.SetNull);
    }
}
