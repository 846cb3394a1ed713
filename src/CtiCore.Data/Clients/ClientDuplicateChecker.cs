using Microsoft.EntityFrameworkCore;

namespace CtiCore.Data.Clients;

/// <summary>
/// Duplicate control before a client is created or updated: a TIN, an e-mail or a phone number identifies one
/// client. This check gives a friendly answer; the unique indexes stay the real guard against a racing insert
/// (see <see cref="DbUpdateExceptionExtensions.IsUniqueViolation"/>).
/// </summary>
public sealed class ClientDuplicateChecker(IDbContextFactory<CrmDbContext> contexts)
{
    /// <summary>
    /// Returns the first conflict, checked in the order TIN, e-mail, phones (in the order given), or null.
    /// </summary>
    /// <param name="clientId">The client being updated (its own values are not conflicts), or null when creating.</param>
    /// <param name="taxId">TIN; blank means none.</param>
    /// <param name="email">E-mail; compared lower-cased and trimmed, as it is stored.</param>
    /// <param name="phonesE164">The client's own numbers, already normalized to E.164.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <remarks>
    /// A number already held by a contact person of the same client is reported too: E.164 is unique across
    /// the whole CRM, so saving it would fail on the index.
    /// </remarks>
    public async Task<DuplicateConflict?> FindConflictAsync(
        long? clientId,
        string? taxId,
        string? email,
        IEnumerable<string> phonesE164,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phonesE164);
        var phones = phonesE164.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal).ToList();
        var ownId = clientId ?? 0; // ids start at 1, so 0 excludes nobody

        var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            if (!string.IsNullOrWhiteSpace(taxId))
            {
                var tin = taxId.Trim();
                var holder = await db.Clients.AsNoTracking()
                    .Where(c => c.TaxId == tin && c.Id != ownId)
                    .Select(c => new { c.Id, c.Name })
                    .FirstOrDefaultAsync(cancellationToken);
                if (holder is not null)
                {
                    return new DuplicateConflict(DuplicateConflict.TaxIdField, tin, holder.Id, holder.Name);
                }
            }

            if (!string.IsNullOrWhiteSpace(email))
            {
                var normalized = email.Trim().ToLowerInvariant();
                var holder = await db.Clients.AsNoTracking()
                    .Where(c => c.Email == normalized && c.Id != ownId)
                    .Select(c => new { c.Id, c.Name })
                    .FirstOrDefaultAsync(cancellationToken);
                if (holder is not null)
                {
                    return new DuplicateConflict(DuplicateConflict.EmailField, normalized, holder.Id, holder.Name);
                }
            }

            if (phones.Count == 0)
            {
                return null;
            }

            var holders = await (
                    from phone in db.PhoneNumbers.AsNoTracking()
                    where phones.Contains(phone.E164) && (phone.ClientId == null || phone.ClientId != ownId)
                    join contact in db.Contacts on phone.ContactId equals (long?)contact.Id into contacts
                    from contact in contacts.DefaultIfEmpty()
                    join client in db.Clients on phone.ClientId ?? contact!.ClientId equals client.Id
                    select new { phone.E164, client.Id, client.Name })
                .ToListAsync(cancellationToken);

            foreach (var number in phones)
            {
                var holder = holders.Find(h => h.E164 == number);
                if (holder is not null)
                {
                    return new DuplicateConflict(DuplicateConflict.PhoneField, number, holder.Id, holder.Name);
                }
            }

            return null;
        }
    }
}
