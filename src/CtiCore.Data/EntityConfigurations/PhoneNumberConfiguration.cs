using CtiCore.Domain.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CtiCore.Data.EntityConfigurations;

internal sealed class PhoneNumberConfiguration : IEntityTypeConfiguration<PhoneNumber>
{
    public void Configure(EntityTypeBuilder<PhoneNumber> builder)
    {
        builder.ToTable("phone_numbers", t =>
            // A number belongs to exactly one owner: a client or a contact person.
            t.HasCheckConstraint("ck_phone_numbers_one_owner",
                "(\"ClientId\" IS NULL) <> (\"ContactId\" IS NULL)"));

        // E.164 is at most 15 digits plus '+'.
        builder.Property(p => p.E164).HasMaxLength(16).IsRequired();
        builder.Property(p => p.OriginalText).HasMaxLength(64).IsRequired();

        // Caller recognition is one seek on this index.
        builder.HasIndex(p => p.E164).IsUnique();
    }
}
