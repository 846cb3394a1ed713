using CtiCore.Domain.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CtiCore.Data.EntityConfigurations;

internal sealed class AbsenceConfiguration : IEntityTypeConfiguration<Absence>
{
    public void Configure(EntityTypeBuilder<Absence> builder)
    {
        builder.ToTable("absences", t => t.HasCheckConstraint("ck_absences_period", "\"From\" < \"To\""));
        builder.Property(a => a.Reason).HasMaxLength(200);
        builder.HasOne(a => a.SubstituteUser).WithMany()
            .HasForeignKey(a => a.SubstituteUserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => new { a.UserId, a.From });
    }
}
