using CtiCore.Domain.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CtiCore.Data.EntityConfigurations;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.ToTable("clients");
        builder.Property(c => c.Name).HasMaxLength(300).IsRequired();
        builder.Property(c => c.TaxId).HasMaxLength(32);
        builder.Property(c => c.Email).HasMaxLength(320);
        builder.Property(c => c.Segment).HasMaxLength(100);
        builder.Property(c => c.Region).HasMaxLength(100);
        builder.Property(c => c.TimeZone).HasMaxLength(64);
        builder.Property(c => c.Source).HasMaxLength(100);

        // Duplicate control: a TIN or e-mail identifies one client.
        builder.HasIndex(c => c.TaxId).IsUnique();
        builder.HasIndex(c => c.Email).IsUnique();
        builder.HasIndex(c => c.Name);
        builder.HasIndex(c => c.ResponsibleManagerId);

        builder.HasOne(c => c.ResponsibleManager).WithMany()
            .HasForeignKey(c => c.ResponsibleManagerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(c => c.Contacts).WithOne(p => p.Client!)
            .HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Phones).WithOne(p => p.Client)
            .HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
