using System.Security.Claims;
using System.Security.Cryptography;
using CtiCore.Abstractions.Calls;
using CtiCore.Data;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Telephony;
using CtiCore.Media.Recording;
using CtiCore.Media.Retention;
using CtiCore.Server.Api.Common;
using CtiCore.Server.Auth;
using CtiCore.Server.Realtime;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Recording;

/// <summary>
/// Playback (HTTP Range, audited, integrity-checked), legal hold, a client's erasure, and the PCI pause of a live call.
/// Everything is scoped by <see cref="CrmVisibility"/>: what the caller may not see answers 404.
/// </summary>
internal static partial class RecordingsApi
{
    public static IEndpointRouteBuilder MapRecordingsApi(this IEndpointRouteBuilder endpoints)
    {
        var recordings = endpoints.MapGroup("/api/recordings").WithTags("Recordings");
        recordings.MapGet("/{interactionId:long}", PlayAsync);
        recordings.MapPut("/{interactionId:long}/legal-hold", SetLegalHoldAsync).RequireAuthorization(AuthPolicies.SupervisorOrAdmin);
        endpoints.MapDelete("/api/clients/{clientId:long}/recordings", EraseClientAsync).WithTags("Recordings")
            .RequireAuthorization(AuthPolicies.SupervisorOrAdmin);
        endpoints.MapPost("/api/calls/{callKey}/recording/pause", (string callKey, ClaimsPrincipal p, HttpContext h, CancellationToken c) => PauseAsync(callKey, true, p, h, c))
            .WithTags("Recordings");
        endpoints.MapPost("/api/calls/{callKey}/recording/resume", (string callKey, ClaimsPrincipal p, HttpContext h, CancellationToken c) => PauseAsync(callKey, false, p, h, c))
            .WithTags("Recordings");
        return endpoints;
    }

    /// <summary>
    /// Streams the Opus file as audio/ogg. The file is hashed before a byte is sent and served from the same open
    /// handle, so what is checked is what is played; a mismatch is refused (409) and logged. ASP.NET Core's range
    /// processing answers Range with 206 and Content-Range, which is what lets the browser seek.
    /// </summary>
    private static async Task<IResult> PlayAsync(long interactionId, ClaimsPrincipal principal, HttpContext http, CrmDbContext db,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var time = http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var caller = principal.ToCaller();
        var layout = http.RequestServices.GetService<RecordingStorageLayout>();
        var found = await db.Interactions.AsNoTracking().VisibleTo(caller, db)
            .Where(i => i.Id == interactionId && i.RecordingKey != null && i.RecordingErasedAt == null)
            .Select(i => new { i.RecordingKey, i.RecordingSha256 })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (found is null || layout is null)
        {
            return ApiProblems.NotFound($"Recording of interaction {interactionId}");
        }

        var logger = loggers.CreateLogger(typeof(RecordingsApi).FullName!);
        var range = http.Request.Headers.Range.ToString();
        var audit = new RecordingPlayback
        {
            InteractionId = interactionId, UserId = caller.Id, At = time.GetUtcNow(), Range = range.Length == 0 ? null : range[..Math.Min(range.Length, 200)],
            Outcome = "served",
        };
        FileStream? stream = null;
        try
        {
            stream = new FileStream(layout.FullPath(found.RecordingKey!), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true);
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            if (!string.Equals(sha, found.RecordingSha256, StringComparison.Ordinal))
            {
                LogIntegrityFailed(logger, interactionId, found.RecordingSha256 ?? "", sha);
                audit.Outcome = "integrity-failed";
                await SaveAuditAsync(db, audit, cancellationToken).ConfigureAwait(false);
                return TypedResults.Problem(title: "Recording failed its integrity check.",
                    detail: "The stored file no longer matches its SHA-256; it is not served. An administrator has been alerted through the log.",
                    statusCode: StatusCodes.Status409Conflict);
            }

            stream.Position = 0;
            await SaveAuditAsync(db, audit, cancellationToken).ConfigureAwait(false);
            var served = stream;
            stream = null; // the result owns it now
            return TypedResults.File(served, "audio/ogg", enableRangeProcessing: true);
        }
        catch (FileNotFoundException)
        {
            LogMissing(logger, interactionId);
            audit.Outcome = "missing";
            await SaveAuditAsync(db, audit, cancellationToken).ConfigureAwait(false);
            return ApiProblems.NotFound($"Recording of interaction {interactionId}");
        }
        catch (DirectoryNotFoundException)
        {
            LogMissing(logger, interactionId);
            audit.Outcome = "missing";
            await SaveAuditAsync(db, audit, cancellationToken).ConfigureAwait(false);
            return ApiProblems.NotFound($"Recording of interaction {interactionId}");
        }
        finally
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task SaveAuditAsync(CrmDbContext db, RecordingPlayback audit, CancellationToken cancellationToken)
    {
        db.RecordingPlaybacks.Add(audit);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> SetLegalHoldAsync(long interactionId, LegalHoldRequest request, ClaimsPrincipal principal, CrmDbContext db,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var updated = await db.Interactions.VisibleTo(principal.ToCaller(), db).Where(i => i.Id == interactionId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RecordingLegalHold, request.Hold), cancellationToken).ConfigureAwait(false);
        return updated == 0 ? ApiProblems.NotFound($"Interaction {interactionId}") : TypedResults.NoContent();
    }

    /// <summary>A client's erasure request: every recording of their calls the caller may see, except those under legal hold.</summary>
    private static async Task<IResult> EraseClientAsync(long clientId, ClaimsPrincipal principal, HttpContext http, CrmDbContext db,
        CancellationToken cancellationToken)
    {
        var caller = principal.ToCaller();
        if (!await db.Clients.AsNoTracking().VisibleTo(caller, db).AnyAsync(c => c.Id == clientId, cancellationToken).ConfigureAwait(false))
        {
            return ApiProblems.NotFound($"Client {clientId}");
        }

        if (http.RequestServices.GetService<RecordingEraser>() is not { } eraser)
        {
            return TypedResults.Ok(new ErasureResponse([], []));
        }

        var candidates = await RecordingEraser.CandidatesAsync(db.Interactions.VisibleTo(caller, db).Where(i => i.ClientId == clientId), cancellationToken)
            .ConfigureAwait(false);
        var keys = candidates.Select(c => c.Candidate.CallKey).ToHashSet(StringComparer.Ordinal);
        var plan = RetentionPlanner.PlanClientErasure(candidates.Select(c => c.Candidate), keys);
        var byKey = candidates.ToDictionary(c => c.Candidate.CallKey, c => (c.InteractionId, c.ClientId, c.Sha256), StringComparer.Ordinal);
        var erased = await eraser.EraseAsync(db, plan, byKey, caller.Id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ErasureResponse(erased, plan.HeldByLegalHold.Select(h => byKey[h.CallKey].InteractionId).ToList()));
    }

    /// <summary>PCI pause/resume of a live call: the agent on it, or a supervisor of its department. Others get 404.</summary>
    private static async Task<IResult> PauseAsync(string callKey, bool pause, ClaimsPrincipal principal, HttpContext http, CancellationToken cancellationToken)
    {
        var caller = principal.ToCaller();
        if (string.IsNullOrWhiteSpace(callKey) || callKey.Length > 128)
        {
            return ApiProblems.NotFound("Call");
        }

        var view = await http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<ICallGrain>(callKey).GetViewAsync().ConfigureAwait(false);
        var onCall = view.AnsweredAgentId == caller.Id;
        var supervises = caller.Role == UserRole.Supervisor && caller.DepartmentId is { } department && view.DepartmentId == department;
        if (view.Stage is CallStage.None or CallStage.Ended || !(onCall || supervises))
        {
            return ApiProblems.NotFound($"Call {callKey}");
        }

        var time = http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var now = time.GetUtcNow();
        // A new id per request: the sink is idempotent by command id, and pausing twice in one call is legitimate.
        var step = $"{(pause ? "pause" : "resume")}:{now.UtcTicks}";
        TelephonyCommand command = pause
            ? new PauseRecordingCommand { CommandId = $"{callKey}:recording:{step}", CallId = callKey, IssuedAt = now }
            : new ResumeRecordingCommand { CommandId = $"{callKey}:recording:{step}", CallId = callKey, IssuedAt = now };
        await http.RequestServices.GetRequiredKeyedService<ITelephonyCommandSink>(RealtimeHostingExtensions.PbxCommandSinkKey)
            .SendAsync(command, cancellationToken).ConfigureAwait(false);
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RecordingsApi).FullName!);
        LogPauseRequested(logger, callKey, pause, caller.Id);
        return TypedResults.Accepted((string?)null);
    }

    [LoggerMessage(EventId = 6130, Level = LogLevel.Error, Message = "Recording of interaction {InteractionId} refused: SHA-256 {Actual} does not match the stored {Expected}")]
    private static partial void LogIntegrityFailed(ILogger logger, long interactionId, string expected, string actual);

    [LoggerMessage(EventId = 6131, Level = LogLevel.Error, Message = "Recording of interaction {InteractionId} is linked but its file is missing")]
    private static partial void LogMissing(ILogger logger, long interactionId);

    [LoggerMessage(EventId = 6132, Level = LogLevel.Information, Message = "Recording of call {CallKey}: pause={Pause} requested by user {UserId}")]
    private static partial void LogPauseRequested(ILogger logger, string callKey, bool pause, long userId);
}
