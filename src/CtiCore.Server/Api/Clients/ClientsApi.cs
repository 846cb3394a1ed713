using System.Security.Claims;
using CtiCore.Data;
using CtiCore.Data.Clients;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Phones;
using CtiCore.Server.Api.Common;
using CtiCore.Server.Auth;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Api.Clients;

/// <summary>Clients: paged search, CRUD, and caller lookup by phone number in any written form.</summary>
internal static class ClientsApi
{
    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/clients").WithTags("Clients");
        group.MapGet("/", ListAsync);
        group.MapGet("/lookup", LookupAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{id:long}", UpdateAsync);
        group.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(AuthPolicies.SupervisorOrAdmin);
        return endpoints;
    }

    /// <summary><c>search</c> matches the name (substring), the TIN (exact) or a phone number of the client or its contacts.</summary>
    private static async Task<IResult> ListAsync(
        string? search, int? page, int? pageSize, ClaimsPrincipal principal, CrmDbContext db, PhoneNormalizer normalizer, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var query = db.Clients.AsNoTracking().VisibleTo(principal.ToCaller(), db);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            var lowered = term.ToLowerInvariant();
            var e164 = normalizer.TryNormalize(term, out var normalized, out _) ? normalized : null;
#pragma warning disable CA1304, CA1311, CA1862 // Runs as SQL lower()/instr(), not in .NET: there is no culture to pass.
            // Exact-case substring everywhere; case-insensitive too where the database's lower() folds the
            // letters (SQLite: ASCII only; PostgreSQL: per the database locale — none under the C locale).
            query = query.Where(c =>
                c.Name.Contains(term)
                || c.Name.ToLower().Contains(lowered)
                || c.TaxId == term
                || (e164 != null && (c.Phones.Any(p => p.E164 == e164) || c.Contacts.Any(k => k.Phones.Any(p => p.E164 == e164)))));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var result = await query
            .OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Select(c => new ClientSummary(
                c.Id, c.Kind, c.Name, c.TaxId, c.Region, c.TimeZone, c.ResponsibleManagerId,
                c.Phones.OrderBy(p => p.Id).Select(p => new PhoneResponse(p.Id, p.E164, p.OriginalText, p.Kind)).ToList()))
            .ToPageAsync(paging, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(result);
    }

    /// <summary>Screen-pop lookup: 400 when <c>phone</c> is not a number, 404 when nobody (visible to you) has it.</summary>
    private static async Task<IResult> LookupAsync(
        string? phone, ClaimsPrincipal principal, CrmDbContext db, PhoneNormalizer normalizer, ClientLookup lookup, CancellationToken cancellationToken)
    {
        if (!normalizer.TryNormalize(phone, out var e164, out var error))
        {
            return ApiProblems.Field("phone", error!);
        }

        var match = await lookup.FindByPhoneAsync(e164, cancellationToken).ConfigureAwait(false);
        if (match is null || !await IsVisibleAsync(match.ClientId, principal.ToCaller(), db, cancellationToken).ConfigureAwait(false))
        {
            return ApiProblems.NotFound($"A client with the number {e164}");
        }

        return TypedResults.Ok(new ClientLookupResponse(e164, match.ClientId, match.ClientName, match.ContactId, match.ContactName, match.ResponsibleManagerId));
    }

    private static async Task<IResult> GetAsync(long id, ClaimsPrincipal principal, CrmDbContext db, CancellationToken cancellationToken)
    {
        var client = await db.Clients.AsNoTracking().VisibleTo(principal.ToCaller(), db)
            .Include(c => c.Phones).Include(c => c.Contacts)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        return client is null ? ApiProblems.NotFound($"Client {id}") : TypedResults.Ok(ClientResponse.From(client));
    }

    private static async Task<IResult> CreateAsync(
        ClientRequest request, ClaimsPrincipal principal, CrmDbContext db, PhoneNormalizer normalizer,
        ClientDuplicateChecker duplicates, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = principal.ToCaller();
        var errors = new ValidationErrors();
        var valid = ClientRequestValidator.Validate(request, normalizer, errors);
        var manager = await ResponsibleManagerRule.ResolveAsync(caller, request?.ResponsibleManagerId, db, errors, cancellationToken).ConfigureAwait(false);
        if (valid is null || errors.Any)
        {
            return errors.ToResult();
        }

        valid = valid with { ResponsibleManagerId = manager };
        Task<DuplicateConflict?> Check() => duplicates.FindConflictAsync(null, valid.TaxId, valid.Email, valid.Phones.Select(p => p.E164), cancellationToken);
        if (await Check().ConfigureAwait(false) is { } conflict)
        {
            return DuplicateProblems.From(conflict);
        }

        var now = time.GetUtcNow();
        var client = new Client { Name = valid.Name, CreatedAt = now, UpdatedAt = now };
        valid.ApplyTo(client, p => db.PhoneNumbers.Remove(p));
        db.Clients.Add(client);
        if (await UniqueSave.SaveAsync(db, Check, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return TypedResults.Created($"/api/clients/{client.Id}", ClientResponse.From(client));
    }

    private static async Task<IResult> UpdateAsync(
        long id, ClientRequest request, ClaimsPrincipal principal, CrmDbContext db, PhoneNormalizer normalizer,
        ClientDuplicateChecker duplicates, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = principal.ToCaller();
        var client = await db.Clients.VisibleTo(caller, db).Include(c => c.Phones).Include(c => c.Contacts)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return ApiProblems.NotFound($"Client {id}");
        }

        var errors = new ValidationErrors();
        var valid = ClientRequestValidator.Validate(request, normalizer, errors);
        var requestedManager = request?.ResponsibleManagerId ?? client.ResponsibleManagerId;
        var manager = requestedManager == client.ResponsibleManagerId && caller.Role != UserRole.Agent
            ? requestedManager
            : await ResponsibleManagerRule.ResolveAsync(caller, requestedManager, db, errors, cancellationToken).ConfigureAwait(false);
        if (valid is null || errors.Any)
        {
            return errors.ToResult();
        }

        valid = valid with { ResponsibleManagerId = manager };
        Task<DuplicateConflict?> Check() => duplicates.FindConflictAsync(id, valid.TaxId, valid.Email, valid.Phones.Select(p => p.E164), cancellationToken);
        if (await Check().ConfigureAwait(false) is { } conflict)
        {
            return DuplicateProblems.From(conflict);
        }

        valid.ApplyTo(client, p => db.PhoneNumbers.Remove(p));
        client.UpdatedAt = time.GetUtcNow();
        if (await UniqueSave.SaveAsync(db, Check, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return TypedResults.Ok(ClientResponse.From(client));
    }

    private static async Task<IResult> DeleteAsync(long id, ClaimsPrincipal principal, CrmDbContext db, CancellationToken cancellationToken)
    {
        var client = await db.Clients.VisibleTo(principal.ToCaller(), db).FirstOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return ApiProblems.NotFound($"Client {id}");
        }

        // Phones and contacts go with it (cascade); interactions keep their history with the client link cleared.
        db.Clients.Remove(client);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    internal static Task<bool> IsVisibleAsync(long clientId, Caller caller, CrmDbContext db, CancellationToken cancellationToken) =>
        db.Clients.AsNoTracking().VisibleTo(caller, db).AnyAsync(c => c.Id == clientId, cancellationToken);
}
