using System.Security.Claims;
using CtiCore.Data;
using CtiCore.Data.Clients;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Phones;
using CtiCore.Server.Api.Clients;
using CtiCore.Server.Api.Common;
using CtiCore.Server.Auth;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Api.Contacts;

/// <summary>Contact persons of a client; visible exactly when their client is.</summary>
internal static class ContactsApi
{
    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/clients/{clientId:long}/contacts").WithTags("Contacts");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{id:long}", UpdateAsync);
        group.MapDelete("/{id:long}", DeleteAsync);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(long clientId, int? page, int? pageSize, ClaimsPrincipal principal, CrmDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        if (!await ClientsApi.IsVisibleAsync(clientId, principal.ToCaller(), db, cancellationToken).ConfigureAwait(false))
        {
            return ApiProblems.NotFound($"Client {clientId}");
        }

        var result = await db.Contacts.AsNoTracking().Where(c => c.ClientId == clientId).OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Select(c => new ContactResponse(c.Id, c.ClientId, c.Name, c.Position, c.Emails,
                c.Phones.OrderBy(p => p.Id).Select(p => new PhoneResponse(p.Id, p.E164, p.OriginalText, p.Kind)).ToList()))
            .ToPageAsync(paging, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(result);
    }

    private static async Task<IResult> GetAsync(long clientId, long id, ClaimsPrincipal principal, CrmDbContext db, CancellationToken cancellationToken)
    {
        var contact = await FindAsync(clientId, id, principal, db, cancellationToken).ConfigureAwait(false);
        return contact is null ? ApiProblems.NotFound($"Contact {id} of client {clientId}") : TypedResults.Ok(ContactResponse.From(contact));
    }

    private static async Task<IResult> CreateAsync(
        long clientId, ContactRequest request, ClaimsPrincipal principal, CrmDbContext db, PhoneNormalizer normalizer,
        ClientDuplicateChecker duplicates, CancellationToken cancellationToken)
    {
        if (!await ClientsApi.IsVisibleAsync(clientId, principal.ToCaller(), db, cancellationToken).ConfigureAwait(false))
        {
            return ApiProblems.NotFound($"Client {clientId}");
        }

        var errors = new ValidationErrors();
        var phones = Validate(request, normalizer, errors);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        Task<DuplicateConflict?> Check() => duplicates.FindConflictAsync(null, null, null, phones.Select(p => p.E164), cancellationToken);
        if (await Check().ConfigureAwait(false) is { } conflict)
        {
            return DuplicateProblems.From(conflict);
        }

        var contact = new ContactPerson { ClientId = clientId, Name = request.Name!.Trim() };
        Apply(request, phones, contact, db);
        db.Contacts.Add(contact);
        return await UniqueSave.SaveAsync(db, Check, cancellationToken).ConfigureAwait(false)
            ?? TypedResults.Created($"/api/clients/{clientId}/contacts/{contact.Id}", ContactResponse.From(contact));
    }

    private static async Task<IResult> UpdateAsync(
        long clientId, long id, ContactRequest request, ClaimsPrincipal principal, CrmDbContext db, PhoneNormalizer normalizer,
        ClientDuplicateChecker duplicates, CancellationToken cancellationToken)
    {
        var contact = await FindAsync(clientId, id, principal, db, cancellationToken, tracked: true).ConfigureAwait(false);
        if (contact is null)
        {
            return ApiProblems.NotFound($"Contact {id} of client {clientId}");
        }

        var errors = new ValidationErrors();
        var phones = Validate(request, normalizer, errors);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        // Numbers the contact already has are not conflicts with itself.
        var added = phones.Where(p => !contact.Phones.Exists(o => o.E164 == p.E164)).Select(p => p.E164).ToList();
        Task<DuplicateConflict?> Check() => duplicates.FindConflictAsync(null, null, null, added, cancellationToken);
        if (await Check().ConfigureAwait(false) is { } conflict)
        {
            return DuplicateProblems.From(conflict);
        }

        contact.Name = request.Name!.Trim();
        Apply(request, phones, contact, db);
        return await UniqueSave.SaveAsync(db, Check, cancellationToken).ConfigureAwait(false) ?? TypedResults.Ok(ContactResponse.From(contact));
    }

    private static async Task<IResult> DeleteAsync(long clientId, long id, ClaimsPrincipal principal, CrmDbContext db, CancellationToken cancellationToken)
    {
        var contact = await FindAsync(clientId, id, principal, db, cancellationToken, tracked: true).ConfigureAwait(false);
        if (contact is null)
        {
            return ApiProblems.NotFound($"Contact {id} of client {clientId}");
        }

        db.Contacts.Remove(contact);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<ContactPerson?> FindAsync(
        long clientId, long id, ClaimsPrincipal principal, CrmDbContext db, CancellationToken cancellationToken, bool tracked = false)
    {
        if (!await ClientsApi.IsVisibleAsync(clientId, principal.ToCaller(), db, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var query = tracked ? db.Contacts : db.Contacts.AsNoTracking();
        return await query.Include(c => c.Phones).FirstOrDefaultAsync(c => c.Id == id && c.ClientId == clientId, cancellationToken).ConfigureAwait(false);
    }

    private static List<NormalizedPhone> Validate(ContactRequest request, PhoneNormalizer normalizer, ValidationErrors errors)
    {
        errors.Required("name", request.Name);
        errors.MaxLength("name", request.Name, 300);
        errors.MaxLength("position", request.Position, 200);
        var emails = request.Emails ?? [];
        for (var i = 0; i < emails.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(emails[i]) || emails[i].IndexOf('@', StringComparison.Ordinal) <= 0)
            {
                errors.Add($"emails[{i}]", "is not an e-mail address.");
            }
        }

        return PhoneInputs.Normalize(request.Phones, normalizer, errors);
    }

    private static void Apply(ContactRequest request, List<NormalizedPhone> phones, ContactPerson contact, CrmDbContext db)
    {
        contact.Position = string.IsNullOrWhiteSpace(request.Position) ? null : request.Position.Trim();
        contact.Emails = UniqueValues.Clean(request.Emails).Select(e => e.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        PhoneInputs.Replace(contact.Phones, phones, p => new PhoneNumber { E164 = p.E164, OriginalText = p.OriginalText, Kind = p.Kind }, p => db.PhoneNumbers.Remove(p));
    }
}
