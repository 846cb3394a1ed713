using CtiCore.Domain.Webhooks;

namespace CtiCore.Server.Webhooks;

/// <summary>A subscription as the API shows it: never with its secret.</summary>
public sealed record WebhookResponse(long Id, string Url, IReadOnlyList<string> EventTypes, long? DepartmentId, bool Enabled, DateTimeOffset CreatedAt)
{
    public static WebhookResponse From(WebhookSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return new(subscription.Id, subscription.Url, subscription.EventTypes, subscription.DepartmentId, subscription.Enabled, subscription.CreatedAt);
    }
}
