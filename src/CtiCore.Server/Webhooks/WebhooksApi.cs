using CtiCore.Data;
using CtiCore.Domain.Webhooks;
using CtiCore.Grains.Timing;
using CtiCore.Server.Api.Common;
using CtiCore.Server.Auth;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Webhooks;

/// <summary>Outgoing webhook subscriptions and their delivery log: Admin only.</summary>
internal static class WebhooksApi
{
    private const int MinSecretLength = 16;
    private const int MaxSecretLength = 200;
    private const int MaxDeliveries = 200;

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization(AuthPolicies.Admin);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{id:long}", UpdateAsync);
        group.MapDelete("/{id:long}", DeleteAsync);
        group.MapGet("/{id:long}/deliveries", DeliveriesAsync);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(CrmDbContext db, CancellationToken cancellationToken)
    {
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(subscriptions.Select(WebhookResponse.From).ToList());
    }

    private static async Task<IResult> GetAsync(long id, CrmDbContext db, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        return subscription is null ? ApiProblems.NotFound($"Webhook {id}") : TypedResults.Ok(WebhookResponse.From(subscription));
    }

    private static async Task<IResult> CreateAsync(
        WebhookRequest request, CrmDbContext db, WebhookSubscriptionCache cache, [FromKeyedServices(CtiCoreClock.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(request, secretRequired: true, db, cancellationToken).ConfigureAwait(false);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var subscription = new WebhookSubscription { CreatedAt = time.GetUtcNow() };
        Apply(request, subscription);
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        cache.Invalidate();
        return TypedResults.Created($"/api/webhooks/{subscription.Id}", WebhookResponse.From(subscription));
    }

    private static async Task<IResult> UpdateAsync(long id, WebhookRequest request, CrmDbContext db, WebhookSubscriptionCache cache, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        if (subscription is null)
        {
            return ApiProblems.NotFound($"Webhook {id}");
        }

        var errors = await ValidateAsync(request, secretRequired: false, db, cancellationToken).ConfigureAwait(false);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        Apply(request, subscription);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        cache.Invalidate();
        return TypedResults.Ok(WebhookResponse.From(subscription));
    }

    private static async Task<IResult> DeleteAsync(long id, CrmDbContext db, WebhookSubscriptionCache cache, CancellationToken cancellationToken)
    {
        var deleted = await db.WebhookSubscriptions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        cache.Invalidate();
        return deleted == 0 ? ApiProblems.NotFound($"Webhook {id}") : TypedResults.NoContent();
    }

    /// <summary>The delivery log: newest first, each with its attempts (status code, error, duration).</summary>
    private static async Task<IResult> DeliveriesAsync(long id, CrmDbContext db, CancellationToken cancellationToken, int take = 50)
    {
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false))
        {
            return ApiProblems.NotFound($"Webhook {id}");
        }

        var deliveries = await db.WebhookDeliveries.AsNoTracking()
            .Include(d => d.AttemptLog)
            .Where(d => d.SubscriptionId == id)
            .OrderByDescending(d => d.Id)
            .Take(Math.Clamp(take, 1, MaxDeliveries))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(deliveries.Select(WebhookDeliveryResponse.From).ToList());
    }

    private static void Apply(WebhookRequest request, WebhookSubscription subscription)
    {
        subscription.Url = request.Url!.Trim();
        if (request.Secret is not null)
        {
            subscription.Secret = request.Secret;
        }

        subscription.EventTypes = request.EventTypes!.Distinct(StringComparer.Ordinal).ToList();
        subscription.DepartmentId = request.DepartmentId;
        subscription.Enabled = request.Enabled ?? true;
    }

    private static async Task<ValidationErrors> ValidateAsync(WebhookRequest request, bool secretRequired, CrmDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (WebhookUrl.Problem(request.Url) is { } urlProblem)
        {
            errors.Add("url", urlProblem);
        }

        if (request.Secret is null ? secretRequired : request.Secret.Length is < MinSecretLength or > MaxSecretLength)
        {
            errors.Add("secret", $"must be {MinSecretLength} to {MaxSecretLength} characters.");
        }

        if (request.EventTypes is not { Count: > 0 } types)
        {
            errors.Add("eventTypes", "name at least one of " + string.Join(", ", WebhookEventTypes.All) + ".");
        }
        else if (types.FirstOrDefault(t => !WebhookEventTypes.All.Contains(t, StringComparer.Ordinal)) is { } unknown)
        {
            errors.Add("eventTypes", $"'{unknown}' is not one of " + string.Join(", ", WebhookEventTypes.All) + ".");
        }

        if (request.DepartmentId is { } department && !await db.Departments.AnyAsync(d => d.Id == department, cancellationToken).ConfigureAwait(false))
        {
            errors.Add("departmentId", $"department {department} does not exist.");
        }

        return errors;
    }
}
