using CtiCore.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CtiCore.Data.EntityConfigurations;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.Property(d => d.EventId).HasMaxLength(300).IsRequired();
        builder.Property(d => d.EventType).HasMaxLength(50).IsRequired();
        builder.Property(d => d.Payload).IsRequired();

        // One delivery per event and subscriber, however often the event is reported.
        builder.HasIndex(d => new { d.SubscriptionId, d.EventId }).IsUnique();

        // The dispatcher's query: pending rows whose next attempt is due.
        builder.HasIndex(d => new { d.State, d.NextAttemptAt });
        builder.HasOne(d => d.Subscription).WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.AttemptLog).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
