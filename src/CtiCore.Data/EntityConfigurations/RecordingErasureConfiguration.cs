using CtiCore.Domain.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CtiCore.Data.EntityConfigurations;

internal sealed class RecordingErasureConfiguration : IEntityTypeConfiguration<RecordingErasure>
{
    public void Configure(EntityTypeBuilder<RecordingErasure> builder)
    {
        builder.ToTable("recording_erasures");
        builder.Property(e => e.CallKey).HasMaxLength(128).IsRequired();
        builder.Property(e => e.Reason).HasMaxLength(40).IsRequired();
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.HasIndex(e => e.InteractionId);
        builder.HasIndex(e => new { e.ClientId, e.At });

        // An audit row outlives what it audits: no foreign keys.
    }
}
