using Microsoft.EntityFrameworkCore;

namespace CtiCore.Data.Clients;

/// <summary>
/// Caller recognition: from a normalized number to the client, in one query that seeks the unique index on
/// phone_numbers.E164 and joins the owning contact and client by primary key.
/// </summary>
/// <remarks>Thread-safe: every call takes its own pooled context, so one instance serves all grains.</remarks>
public sealed class ClientLookup(IDbContextFactory<CrmDbContext> contexts)
{
    // Compiled once per instance (one instance per provider): the hot path skips LINQ translation and the
    // query cache lookup entirely.
    private readonly Func<CrmDbContext, string, CancellationToken, Task<ClientMatch?>> _findByPhone =
        EF.CompileAsyncQuery((CrmDbContext db, string e164, CancellationToken _) =>
            (from phone in db.PhoneNumbers
             where phone.E164 == e164
             join contact in db.Contacts on phone.ContactId equals (long?)contact.Id into contacts
             from contact in contacts.DefaultIfEmpty()
             join client in db.Clients on phone.ClientId ?? contact!.ClientId equals client.Id
             select new ClientMatch(client.Id, client.Name, phone.ContactId, contact!.Name, client.ResponsibleManagerId))
            .FirstOrDefault());

    /// <summary>Finds the owner of <paramref name="e164"/>, or null when the number is unknown.</summary>
    /// <param name="e164">The number in E.164 (as PhoneNormalizer produces it), e.g. "+74956601812".</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="ArgumentException">The number is not in E.164 form: normalize it first.</exception>
    public async Task<ClientMatch?> FindByPhoneAsync(string e164, CancellationToken cancellationToken)
    {
        if (!IsE164(e164))
        {
            // The value is left out on purpose: caller numbers are personal data and exception messages get logged.
            throw new ArgumentException(
                "The number is not in E.164 form (+ and up to 15 digits); normalize it with PhoneNormalizer before the lookup.",
                nameof(e164));
        }

        var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            return await _findByPhone(db, e164, cancellationToken);
        }
    }

    private static bool IsE164(string? text)
    {
        // '+' then 2..15 digits (ITU-T E.164 §6: at most 15 digits including the country code).
        if (text is null || text.Length is < 3 or > 16 || text[0] != '+' || text[1] == '0')
        {
            return false;
        }

        foreach (var c in text.AsSpan(1))
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
