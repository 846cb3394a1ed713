using CtiCore.Domain.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CtiCore.Data.EntityConfigurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.Property(u => u.Login).HasMaxLength(100).IsRequired();
        builder.Property(u => u.DisplayName).HasMaxLength(200).IsRequired();
        builder.Property(u => u.PasswordHash).HasMaxLength(200).IsRequired();
        builder.Property(u => u.Extension).HasMaxLength(32);
        builder.OwnsOne(u => u.Sip, sip =>
        {
            sip.Property(s => s.Realm).HasColumnName("SipRealm").HasMaxLength(100);
            sip.Property(s => s.LoginMd5).HasColumnName("SipLoginMd5").HasMaxLength(32);
            sip.Property(s => s.LoginSha256).HasColumnName("SipLoginSha256").HasMaxLength(64);
            sip.Property(s => s.Extension).HasColumnName("SipExtension").HasMaxLength(32);
            sip.Property(s => s.ExtensionMd5).HasColumnName("SipExtensionMd5").HasMaxLength(32);
            sip.Property(s => s.ExtensionSha256).HasColumnName("SipExtensionSha256").HasMaxLength(64);
        });
        builder.HasIndex(u => u.Login).IsUnique();
        builder.HasIndex(u => u.Extension).IsUnique();
        builder.HasOne(u => u.Department).WithMany()
            .HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(u => u.Absences).WithOne(a => a.User!)
            .HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
