using PhoneNumbers;

namespace CtiCore.Domain.Phones;

/// <summary>
/// Turns any written form of a phone number into E.164, so that "8 (495) 660-18-12", "+7 495 660 18 12"
/// and "74956601812" are the same key. Numbers without a country code are read in <see cref="DefaultRegion"/>.
/// </summary>
public sealed class PhoneNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public PhoneNormalizer(string defaultRegion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultRegion);
        var region = defaultRegion.Trim().ToUpperInvariant();
        if (!Util.GetSupportedRegions().Contains(region))
        {
            throw new ArgumentException($"'{defaultRegion}' is not a region libphonenumber knows (use an ISO 3166 code such as RU).", nameof(defaultRegion));
        }

        DefaultRegion = region;
    }

    public string DefaultRegion { get; }

    /// <summary>Normalizes <paramref name="text"/>; on failure returns false and a reason fit to show a user.</summary>
    public bool TryNormalize(string? text, out string e164, out string? error)
    {
        e164 = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The phone number is empty.";
            return false;
        }

        if (!TryParse(text.Trim(), out var parsed))
        {
            error = $"'{text}' is not a phone number.";
            return false;
        }

        if (!Util.IsPossibleNumber(parsed))
        {
            error = $"'{text}' has the wrong number of digits for a phone number.";
            return false;
        }

        e164 = Util.Format(parsed, PhoneNumberFormat.E164);
        error = null;
        return true;
    }

    /// <summary>Normalizes or throws <see cref="FormatException"/> with the reason.</summary>
    public string Normalize(string? text) =>
        TryNormalize(text, out var e164, out var error) ? e164 : throw new FormatException(error);

    /// <summary>The IANA time zones libphonenumber associates with a number, most specific first.</summary>
    public static IReadOnlyList<string> TimeZonesOf(string e164)
    {
        try
        {
            var parsed = Util.Parse(e164, null);
            return PhoneNumberToTimeZonesMapper.GetInstance().GetTimeZonesForNumber(parsed)
                .Where(z => z != "Etc/Unknown").ToList();
        }
        catch (NumberParseException)
        {
            return [];
        }
    }

    private bool TryParse(string text, out PhoneNumbers.PhoneNumber parsed)
    {
        parsed = null!;
        try
        {
            // Digits-only input such as "74956601812" is read in the default region first; if that is not a
            // valid number there, retry it as an international number with the "+" the caller-ID left out.
            parsed = Util.Parse(text, DefaultRegion);
            if (!Util.IsValidNumber(parsed) && IsAllDigits(text))
            {
                var international = Util.Parse("+" + text, null);
                if (Util.IsValidNumber(international))
                {
                    parsed = international;
                }
            }

            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    private static bool IsAllDigits(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return text.Length > 0;
    }
}
