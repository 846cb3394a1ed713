namespace CtiCore.Domain.Webhooks;

/// <summary>
/// An external system (1C, Bitrix24, amoCRM...) that wants call events POSTed to it. The secret signs each body;
/// it is stored because signing needs it, and it is never returned by the API or logged.
/// </summary>
public sealed class WebhookSubscription
{
    public long Id { get; set; }

    /// <summary>Absolute http or https URL.</summary>
    public string Url { get; set; } = string.Empty;

    public string Secret { get; set; } = string.Empty;

    /// <summary>The event types delivered (see <see cref="WebhookEventTypes"/>).</summary>
    public List<string> EventTypes { get; set; } = [];

    /// <summary>Only calls of this department; null means every department.</summary>
    public long? DepartmentId { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Whether an event of <paramref name="eventType"/> about a call of <paramref name="departmentId"/> goes to this subscriber.</summary>
    public bool Wants(string eventType, long? departmentId) =>
        Enabled && EventTypes.Contains(eventType, StringComparer.Ordinal) && (DepartmentId is null || DepartmentId == departmentId);
}
