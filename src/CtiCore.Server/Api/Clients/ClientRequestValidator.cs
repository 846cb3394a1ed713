using CtiCore.Domain.Crm;
using CtiCore.Domain.Phones;
using CtiCore.Server.Api.Common;

namespace CtiCore.Server.Api.Clients;

internal static class ClientRequestValidator
{
    public static ValidClient? Validate(ClientRequest? request, PhoneNormalizer normalizer, ValidationErrors errors)
    {
        if (request is null)
        {
            errors.Add("body", "is required.");
            return null;
        }

        errors.Required("name", request.Name);
        errors.MaxLength("name", request.Name, 300);
        errors.MaxLength("segment", request.Segment, 100);
        errors.MaxLength("region", request.Region, 100);
        errors.MaxLength("source", request.Source, 100);

        var taxId = Blank(request.TaxId);
        if (taxId is not null && (taxId.Length > 32 || !taxId.All(char.IsAsciiLetterOrDigit)))
        {
            errors.Add("taxId", "must be up to 32 letters or digits.");
        }

        var email = Blank(request.Email)?.ToLowerInvariant();
        if (email is not null && (email.Length > 320 || email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.EndsWith('@')))
        {
            errors.Add("email", "is not an e-mail address.");
        }

        var timeZone = Blank(request.TimeZone);
        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            errors.Add("timeZone", $"'{timeZone}' is not an IANA time zone (e.g. Europe/Moscow).");
        }

        if (request.Kind is { } kind && !Enum.IsDefined(kind))
        {
            errors.Add("kind", "is not a client kind.");
        }

        var tags = (request.Tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var phones = PhoneInputs.Normalize(request.Phones, normalizer, errors);
        return errors.Any
            ? null
            : new ValidClient(
                request.Kind ?? ClientKind.Company, request.Name!.Trim(), taxId, email, Blank(request.Segment), tags,
                Blank(request.Region), timeZone, Blank(request.Source), request.ResponsibleManagerId, phones);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
