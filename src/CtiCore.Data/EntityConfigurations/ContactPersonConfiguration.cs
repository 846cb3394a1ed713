using CtiCore.Domain.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CtiCore.Data.EntityConfigurations;

internal sealed class ContactPersonConfiguration : IEntityTypeConfiguration<ContactPerson>
{
    public void Configure(EntityTypeBuilder<ContactPerson> builder)
    {
        builder.ToTable("contacts");
        builder.Property(c => c.Name).HasMaxLength(300).IsRequired();
        builder.Property(c => c.Position).HasMaxLength(200);
        builder.HasMany(c => c.Phones).WithOne(p => p.Contact)
            .HasForeignKey(p => p.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}
