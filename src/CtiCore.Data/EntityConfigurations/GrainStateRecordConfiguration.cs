using CtiCore.Data.Grains;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CtiCore.Data.EntityConfigurations;

internal sealed class GrainStateRecordConfiguration : IEntityTypeConfiguration<GrainStateRecord>
{
    public void Configure(EntityTypeBuilder<GrainStateRecord> builder)
    {
        builder.ToTable("grain_states");

        // Reads and writes always address one grain by its full key, so the key is the only index needed.
        builder.HasKey(g => new { g.GrainType, g.GrainId });
        builder.Property(g => g.GrainType).HasMaxLength(256);
        builder.Property(g => g.GrainId).HasMaxLength(512);
        builder.Property(g => g.Payload).IsRequired();
        builder.Property(g => g.ETag).HasMaxLength(64).IsRequired();
    }
}
