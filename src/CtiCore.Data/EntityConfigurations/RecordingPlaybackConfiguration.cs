using CtiCore.Domain.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CtiCore.Data.EntityConfigurations;

internal sealed class RecordingPlaybackConfiguration : IEntityTypeConfiguration<RecordingPlayback>
{
    public void Configure(EntityTypeBuilder<RecordingPlayback> builder)
    {
        builder.ToTable("recording_playbacks");
        builder.Property(p => p.Range).HasMaxLength(200);
        builder.Property(p => p.Outcome).HasMaxLength(40).IsRequired();
        builder.HasIndex(p => new { p.InteractionId, p.At });
        builder.HasIndex(p => new { p.UserId, p.At });

        // An audit row outlives what it audits: no foreign keys, so deleting a user or an interaction keeps it.
    }
}
