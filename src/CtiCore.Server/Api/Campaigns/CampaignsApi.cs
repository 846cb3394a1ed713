using System.Globalization;
using System.Security.Claims;
using CtiCore.Abstractions.Campaigns;
using CtiCore.Data;
using CtiCore.Domain.Campaigns;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Phones;
using CtiCore.Server.Api.Common;
using CtiCore.Server.Auth;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Api.Campaigns;

/// <summary>
/// Telemarketing campaigns for supervisors (their department's only; see <see cref="CrmVisibility"/>) and admins:
/// settings, start/pause/stop and pacing through the campaign grain, dial-list imports and CRM segments, do-not-call
/// lists and live statistics. A campaign outside the caller's departments answers 404.
/// </summary>
internal static class CampaignsApi
{
    private const int MaxAttemptsLimit = 20;

    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/campaigns").WithTags("Campaigns").RequireAuthorization(AuthPolicies.SupervisorOrAdmin);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{id:long}", UpdateAsync);
        group.MapPost("/{id:long}/start", (long id, ClaimsPrincipal p, CrmDbContext db, IGrainFactory g, CancellationToken ct) => ControlAsync(id, p, db, g, c => c.StartAsync(), ct));
        group.MapPost("/{id:long}/pause", (long id, ClaimsPrincipal p, CrmDbContext db, IGrainFactory g, CancellationToken ct) => ControlAsync(id, p, db, g, c => c.PauseAsync(), ct));
        group.MapPost("/{id:long}/stop", (long id, ClaimsPrincipal p, CrmDbContext db, IGrainFactory g, CancellationToken ct) => ControlAsync(id, p, db, g, c => c.StopAsync(), ct));
        group.MapPut("/{id:long}/pacing", (long id, PacingRequest request, ClaimsPrincipal p, CrmDbContext db, IGrainFactory g, CancellationToken ct) =>
            ControlAsync(id, p, db, g, c => c.SetPacingAsync(request.Pacing.ToString()), ct));
        group.MapGet("/{id:long}/stats", StatsAsync);
        group.MapPost("/{id:long}/imports", ImportAsync);
        group.MapGet("/{id:long}/imports", ImportListAsync);
        group.MapGet("/{id:long}/imports/{importId}", ImportStatusAsync);
        group.MapGet("/{id:long}/imports/{importId}/errors", ImportErrorsAsync);
        group.MapPost("/{id:long}/dial-list/from-segment", FromSegmentAsync);
        group.MapGet("/{id:long}/dnc", (long id, ClaimsPrincipal p, CrmDbContext db, CancellationToken ct) => ListDoNotCallAsync(id, p, db, ct));
        group.MapPost("/{id:long}/dnc", (long id, DoNotCallRequest r, ClaimsPrincipal p, CrmDbContext db, PhoneNormalizer n, TimeProvider t, IGrainFactory g, CancellationToken ct) =>
            AddDoNotCallAsync(id, r, p, db, n, t, g, ct));
        group.MapDelete("/{id:long}/dnc/{entryId:long}", (long id, long entryId, ClaimsPrincipal p, CrmDbContext db, IGrainFactory g, CancellationToken ct) =>
            RemoveDoNotCallAsync(id, entryId, p, db, g, ct));

        // The global list: any supervisor may add a number (the safe direction); only an admin may take one off.
        var global = endpoints.MapGroup("/api/dnc").WithTags("Campaigns").RequireAuthorization(AuthPolicies.SupervisorOrAdmin);
        global.MapGet("/", (ClaimsPrincipal p, CrmDbContext db, CancellationToken ct) => ListDoNotCallAsync(null, p, db, ct));
        global.MapPost("/", (DoNotCallRequest r, ClaimsPrincipal p, CrmDbContext db, PhoneNormalizer n, TimeProvider t, IGrainFactory g, CancellationToken ct) =>
            AddDoNotCallAsync(null, r, p, db, n, t, g, ct));
        global.MapDelete("/{entryId:long}", (long entryId, ClaimsPrincipal p, CrmDbContext db, IGrainFactory g, CancellationToken ct) =>
            RemoveDoNotCallAsync(null, entryId, p, db, g, ct)).RequireAuthorization(AuthPolicies.Admin);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal principal, CrmDbContext db, CancellationToken cancellationToken)
    {
        var campaigns = await db.Campaigns.AsNoTracking().VisibleTo(principal.ToCaller()).OrderBy(c => c.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(campaigns.Select(CampaignResponse.From).ToList());
    }

    private static async Task<IResult> GetAsync(long id, ClaimsPrincipal principal, CrmDbContext db, CancellationToken cancellationToken) =>
        await FindAsync(id, principal, db, cancellationToken).ConfigureAwait(false) is { } campaign
            ? TypedResults.Ok(CampaignResponse.From(campaign))
            : ApiProblems.NotFound($"Campaign {id}");

    private static async Task<IResult> CreateAsync(CampaignRequest request, ClaimsPrincipal principal, CrmDbContext db, PhoneNormalizer normalizer,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var campaign = new Campaign { Name = string.Empty, CreatedAt = time.GetUtcNow(), State = CampaignState.Draft };
        var errors = await ApplyAsync(request, campaign, principal.ToCaller(), db, normalizer, null, cancellationToken).ConfigureAwait(false);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/campaigns/{campaign.Id}", CampaignResponse.From(campaign));
    }

    private static async Task<IResult> UpdateAsync(long id, CampaignRequest request, ClaimsPrincipal principal, CrmDbContext db, PhoneNormalizer normalizer,
        IGrainFactory grains, CancellationToken cancellationToken)
    {
        var caller = principal.ToCaller();
        var campaign = await db.Campaigns.VisibleTo(caller).FirstOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        if (campaign is null)
        {
            return ApiProblems.NotFound($"Campaign {id}");
        }

        var errors = await ApplyAsync(request, campaign, caller, db, normalizer, id, cancellationToken).ConfigureAwait(false);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await grains.GetGrain<ICampaignGrain>(id).ReloadAsync().ConfigureAwait(false);
        return TypedResults.Ok(CampaignResponse.From(campaign));
    }

    private static async Task<IResult> ControlAsync(long id, ClaimsPrincipal principal, CrmDbContext db, IGrainFactory grains,
        Func<ICampaignGrain, Task<CampaignView>> action, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, principal, db, cancellationToken).ConfigureAwait(false) is null)
        {
            return ApiProblems.NotFound($"Campaign {id}");
        }

        try
        {
            return TypedResults.Ok(await action(grains.GetGrain<ICampaignGrain>(id)).ConfigureAwait(false));
        }
        catch (InvalidOperationException ex)
        {
            return ApiProblems.Conflict("state", ex.Message);
        }
        catch (ArgumentException ex)
        {
            return ApiProblems.Field("pacing", ex.Message);
        }
    }

    private static async Task<IResult> StatsAsync(long id, ClaimsPrincipal principal, CrmDbContext db, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, principal, db, cancellationToken).ConfigureAwait(false) is null)
        {
            return ApiProblems.NotFound($"Campaign {id}");
        }

        var byState = await db.DialListEntries.AsNoTracking().Where(e => e.CampaignId == id)
            .GroupBy(e => e.State).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var live = await grains.GetGrain<ICampaignGrain>(id).GetViewAsync().ConfigureAwait(false);
        return TypedResults.Ok(new CampaignStatsResponse(live, byState.ToDictionary(s => s.Key.ToString(), s => s.Count)));
    }

    /// <summary>The request body is the CSV itself (text/csv), spooled and imported in the background.</summary>
    private static async Task<IResult> ImportAsync(long id, HttpRequest request, ClaimsPrincipal principal, CrmDbContext db, CampaignImports imports,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(id, principal, db, cancellationToken).ConfigureAwait(false) is null)
        {
            return ApiProblems.NotFound($"Campaign {id}");
        }

        var status = await imports.StartAsync(id, request.Body, cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted($"/api/campaigns/{id}/imports/{status.ImportId}", status);
    }

    private static async Task<IResult> ImportStatusAsync(long id, string importId, ClaimsPrincipal principal, CrmDbContext db, CampaignImports imports,
        CancellationToken cancellationToken) =>
        await FindAsync(id, principal, db, cancellationToken).ConfigureAwait(false) is not null
            && await imports.FindAsync(id, importId, cancellationToken).ConfigureAwait(false) is { } status
            ? TypedResults.Ok(status)
            : ApiProblems.NotFound($"Import {importId}");

    /// <summary>The campaign's imports, newest first, with their progress: stored, so they outlive a restart.</summary>
    private static async Task<IResult> ImportListAsync(long id, ClaimsPrincipal principal, CrmDbContext db, CampaignImports imports,
        CancellationToken cancellationToken) =>
        await FindAsync(id, principal, db, cancellationToken).ConfigureAwait(false) is not null
            ? TypedResults.Ok(await imports.ListAsync(id, cancellationToken).ConfigureAwait(false))
            : ApiProblems.NotFound($"Campaign {id}");

    private static async Task<IResult> ImportErrorsAsync(long id, string importId, ClaimsPrincipal principal, CrmDbContext db, CampaignImports imports,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(id, principal, db, cancellationToken).ConfigureAwait(false) is null || await imports.FindAsync(id, importId, cancellationToken).ConfigureAwait(false) is not { State: not "running" })
        {
            return ApiProblems.NotFound($"Import {importId}");
        }

        var path = imports.ErrorReportPath(importId);
        return File.Exists(path)
            ? TypedResults.PhysicalFile(path, "text/csv", $"import-{importId}-errors.csv")
            : ApiProblems.NotFound($"Import {importId} error report");
    }

    /// <summary>Adds every phone of the caller's visible clients in <see cref="SegmentListRequest.Segment"/>, skipping numbers already listed.</summary>
    private static async Task<IResult> FromSegmentAsync(long id, SegmentListRequest request, ClaimsPrincipal principal, CrmDbContext db, TimeProvider time,
        IGrainFactory grains, CancellationToken cancellationToken)
    {
        var caller = principal.ToCaller();
        if (await FindAsync(id, principal, db, cancellationToken).ConfigureAwait(false) is null)
        {
            return ApiProblems.NotFound($"Campaign {id}");
        }

        if (string.IsNullOrWhiteSpace(request.Segment) || request.Segment.Length > 100)
        {
            return ApiProblems.Field("segment", "is required (at most 100 characters).");
        }

        var segment = request.Segment.Trim();
        var clients = await db.Clients.AsNoTracking().VisibleTo(caller, db)
            .Where(c => c.Segment == segment)
            .Select(c => new { c.Id, c.Name, c.TimeZone })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var clientIds = clients.Select(c => (long?)c.Id).ToList();
        var numbers = await db.PhoneNumbers.AsNoTracking().Where(p => clientIds.Contains(p.ClientId))
            .Select(p => new { p.E164, p.ClientId }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var byId = clients.ToDictionary(c => c.Id);
        var phones = numbers.Select(n => new { n.E164, ClientId = n.ClientId!.Value, byId[n.ClientId!.Value].Name, byId[n.ClientId!.Value].TimeZone }).ToList();
        var listed = (await db.DialListEntries.AsNoTracking().Where(e => e.CampaignId == id).Select(e => e.E164).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var added = 0;
        foreach (var phone in phones.Where(p => listed.Add(p.E164)))
        {
            db.DialListEntries.Add(new DialListEntry
            {
                CampaignId = id, E164 = phone.E164, OriginalText = phone.E164, ClientId = phone.ClientId, Name = phone.Name,
                TimeZone = phone.TimeZone, CreatedAt = now,
            });
            added++;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new { Added = added, Skipped = phones.Count - added });
    }

    private static async Task<IResult> ListDoNotCallAsync(long? campaignId, ClaimsPrincipal principal, CrmDbContext db, CancellationToken cancellationToken)
    {
        if (campaignId is { } id && await FindAsync(id, principal, db, cancellationToken).ConfigureAwait(false) is null)
        {
            return ApiProblems.NotFound($"Campaign {id}");
        }

        var entries = await db.DoNotCall.AsNoTracking().Where(d => d.CampaignId == campaignId).OrderBy(d => d.E164).Take(10_000)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(entries.Select(DoNotCallResponse.From).ToList());
    }

    private static async Task<IResult> AddDoNotCallAsync(long? campaignId, DoNotCallRequest request, ClaimsPrincipal principal, CrmDbContext db,
        PhoneNormalizer normalizer, TimeProvider time, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (campaignId is { } id && await FindAsync(id, principal, db, cancellationToken).ConfigureAwait(false) is null)
        {
            return ApiProblems.NotFound($"Campaign {id}");
        }

        if (!normalizer.TryNormalize(request.Number, out var e164, out var error))
        {
            return ApiProblems.Field("number", error ?? "is not a phone number.");
        }

        var entry = await db.DoNotCall.FirstOrDefaultAsync(d => d.E164 == e164 && d.CampaignId == campaignId, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            entry = new DoNotCallEntry { E164 = e164, CampaignId = campaignId, Reason = request.Reason?.Trim() is { Length: > 0 and <= 200 } r ? r : null, AddedAt = time.GetUtcNow() };
            db.DoNotCall.Add(entry);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        await ReloadAffectedAsync(campaignId, db, grains, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(DoNotCallResponse.From(entry));
    }

    private static async Task<IResult> RemoveDoNotCallAsync(long? campaignId, long entryId, ClaimsPrincipal principal, CrmDbContext db, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        if (campaignId is { } id && await FindAsync(id, principal, db, cancellationToken).ConfigureAwait(false) is null)
        {
            return ApiProblems.NotFound($"Campaign {id}");
        }

        var deleted = await db.DoNotCall.Where(d => d.Id == entryId && d.CampaignId == campaignId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (deleted == 0)
        {
            return ApiProblems.NotFound($"Do-not-call entry {entryId}");
        }

        await ReloadAffectedAsync(campaignId, db, grains, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>Running campaigns re-read their lists now instead of at their next periodic refresh.</summary>
    private static async Task ReloadAffectedAsync(long? campaignId, CrmDbContext db, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var ids = campaignId is { } id
            ? [id]
            : await db.Campaigns.AsNoTracking().Where(c => c.State == CampaignState.Running).Select(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(ids.Select(i => grains.GetGrain<ICampaignGrain>(i).ReloadAsync())).ConfigureAwait(false);
    }

    private static Task<Campaign?> FindAsync(long id, ClaimsPrincipal principal, CrmDbContext db, CancellationToken cancellationToken) =>
        db.Campaigns.AsNoTracking().VisibleTo(principal.ToCaller()).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    private static async Task<ValidationErrors> ApplyAsync(CampaignRequest request, Campaign campaign, Caller caller, CrmDbContext db,
        PhoneNormalizer normalizer, long? id, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Required("name", request.Name);
        errors.MaxLength("name", request.Name, 200);
        var name = request.Name?.Trim();
        if (name is { Length: > 0 } && await db.Campaigns.AnyAsync(c => c.Name == name && c.Id != id, cancellationToken).ConfigureAwait(false))
        {
            errors.Add("name", "another campaign has this name.");
        }

        // A supervisor runs campaigns of their own department only.
        var departmentId = caller.Role == UserRole.Admin ? request.DepartmentId : caller.DepartmentId;
        if (caller.Role != UserRole.Admin && request.DepartmentId is { } asked && asked != caller.DepartmentId)
        {
            errors.Add("departmentId", "must be your own department.");
        }
        else if (departmentId is null || !await db.Departments.AnyAsync(d => d.Id == departmentId, cancellationToken).ConfigureAwait(false))
        {
            errors.Add("departmentId", "must be an existing department.");
        }

        var agentIds = (request.AgentIds ?? []).Distinct().ToList();
        if (agentIds.Count > 0)
        {
            var inDepartment = await db.Users.AsNoTracking().Where(u => agentIds.Contains(u.Id) && u.DepartmentId == departmentId)
                .Select(u => u.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var missing in agentIds.Except(inDepartment))
            {
                errors.Add("agentIds", $"user {missing} is not an agent of the campaign's department.");
            }
        }

        string? callerId = null;
        if (!string.IsNullOrWhiteSpace(request.CallerId) && !normalizer.TryNormalize(request.CallerId, out callerId, out var callerIdError))
        {
            errors.Add("callerId", callerIdError ?? "is not a phone number.");
        }

        var windows = new List<CallingWindow>();
        var windowInputs = request.CallingWindows ?? [];
        for (var i = 0; i < windowInputs.Count; i++)
        {
            var w = windowInputs[i];
            if (!Enum.IsDefined(w.Day)
                || !TimeOnly.TryParseExact(w.Start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !TimeOnly.TryParseExact(w.End, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            {
                errors.Add($"callingWindows[{i}]", "needs a day and start/end as HH:mm.");
                continue;
            }

            windows.Add(new CallingWindow(w.Day, start, end));
        }

        var maxAttempts = request.MaxAttempts ?? 3;
        if (maxAttempts is < 1 or > MaxAttemptsLimit)
        {
            errors.Add("maxAttempts", $"must be 1 to {MaxAttemptsLimit}.");
        }

        var rules = new List<RetryRule>();
        foreach (var (rule, i) in (request.RetryRules ?? []).Select((r, i) => (r, i)))
        {
            if (rule.DelayMinutes is < 1 or > 60 * 24 * 90 || !Enum.IsDefined(rule.Outcome))
            {
                errors.Add($"retryRules[{i}]", "needs an outcome and a delay of 1 minute to 90 days.");
                continue;
            }

            rules.Add(new RetryRule(rule.Outcome, TimeSpan.FromMinutes(rule.DelayMinutes), string.IsNullOrWhiteSpace(rule.Disposition) ? null : rule.Disposition.Trim()));
        }

        var defaultDelay = request.DefaultRetryDelayMinutes ?? 120;
        if (defaultDelay is < 1 or > 60 * 24 * 90)
        {
            errors.Add("defaultRetryDelayMinutes", "must be 1 minute to 90 days.");
        }

        var dispositions = request.Dispositions ?? [];
        if (dispositions.Any(d => string.IsNullOrWhiteSpace(d.Code) || d.Code.Length > 64 || string.IsNullOrWhiteSpace(d.Label) || d.Label.Length > 200)
            || dispositions.GroupBy(d => d.Code, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
        {
            errors.Add("dispositions", "each needs a unique code (at most 64 characters) and a label.");
        }

        var scripts = request.Scripts ?? [];
        if (scripts.Any(s => string.IsNullOrWhiteSpace(s.Text) || s.Text.Length > 20_000))
        {
            errors.Add("scripts", "each needs a text of at most 20,000 characters.");
        }

        // The cap may be set tighter than the regulators' 3 %, never looser.
        var cap = request.AbandonCap ?? DialCompliance.DefaultAbandonCap;
        if (cap is <= 0 or > DialCompliance.DefaultAbandonCap)
        {
            errors.Add("abandonCap", $"must be above 0 and at most {DialCompliance.DefaultAbandonCap:P0}.");
        }

        if (request.Pacing is { } pacing && !Enum.IsDefined(pacing))
        {
            errors.Add("pacing", "must be Preview, Progressive or Predictive.");
        }

        if (errors.Any)
        {
            return errors;
        }

        campaign.Name = name!;
        campaign.DepartmentId = departmentId;
        campaign.AgentIds = agentIds;
        campaign.CallerId = callerId;
        campaign.CallingWindows = windows;
        campaign.MaxAttempts = maxAttempts;
        campaign.RetryRules = rules;
        campaign.DefaultRetryDelay = TimeSpan.FromMinutes(defaultDelay);
        campaign.Dispositions = dispositions;
        campaign.Scripts = scripts;
        campaign.Pacing = request.Pacing ?? campaign.Pacing;
        campaign.AbandonCap = cap;
        campaign.DetectAnsweringMachine = request.DetectAnsweringMachine ?? campaign.DetectAnsweringMachine;
        return errors;
    }
}
