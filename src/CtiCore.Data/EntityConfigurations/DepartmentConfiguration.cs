using CtiCore.Domain.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CtiCore.Data.EntityConfigurations;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.ToTable("departments");
        builder.Property(d => d.Name).HasMaxLength(200).IsRequired();
        builder.HasIndex(d => d.Name).IsUnique();

        // Routing settings live in the department row: they are always read together.
        builder.OwnsOne(d => d.Routing, r =>
        {
            r.Property(x => x.RingNoAnswerPauseReason).HasMaxLength(100);
            r.Property(x => x.DeclinedPauseReason).HasMaxLength(100);
            r.Property(x => x.UnreachablePauseReason).HasMaxLength(100);
        });
        builder.Navigation(d => d.Routing).IsRequired();
    }
}
