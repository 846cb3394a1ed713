using CtiCore.Domain.Crm;
using CtiCore.Domain.Phones;

namespace CtiCore.Server.Api.Common;

internal static class PhoneInputs
{
    private const int MaxOriginalLength = 64;

    /// <summary>Normalizes every input; errors are reported as <c>phones[i].number</c>.</summary>
    public static List<NormalizedPhone> Normalize(IReadOnlyList<PhoneInput>? inputs, PhoneNormalizer normalizer, ValidationErrors errors)
    {
        var result = new List<NormalizedPhone>();
        if (inputs is null)
        {
            return result;
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            var field = $"phones[{i}].number";
            var input = inputs[i];
            if (input is null)
            {
                errors.Add($"phones[{i}]", "must not be null.");
                continue;
            }

            if (input.Number is { Length: > MaxOriginalLength })
            {
                errors.Add(field, $"must be at most {MaxOriginalLength} characters.");
                continue;
            }

            if (!normalizer.TryNormalize(input.Number, out var e164, out var error))
            {
                errors.Add(field, error!);
                continue;
            }

            if (result.Exists(p => p.E164 == e164))
            {
                errors.Add(field, $"repeats {e164}.");
                continue;
            }

            result.Add(new NormalizedPhone(e164, input.Number!.Trim(), input.Kind ?? PhoneKind.Unknown));
        }

        return result;
    }

    /// <summary>
    /// Makes <paramref name="owned"/> hold exactly <paramref name="wanted"/>, keeping rows whose number stays.
    /// Dropped numbers are deleted, not orphaned: a number without an owner would break the one-owner check.
    /// </summary>
    public static void Replace(List<PhoneNumber> owned, IReadOnlyList<NormalizedPhone> wanted, Func<NormalizedPhone, PhoneNumber> create, Action<PhoneNumber> delete)
    {
        foreach (var dropped in owned.Where(existing => !wanted.Any(w => w.E164 == existing.E164)).ToList())
        {
            owned.Remove(dropped);
            delete(dropped);
        }

        foreach (var phone in wanted)
        {
            var existing = owned.Find(o => o.E164 == phone.E164);
            if (existing is null)
            {
                owned.Add(create(phone));
            }
            else
            {
                existing.OriginalText = phone.OriginalText;
                existing.Kind = phone.Kind;
            }
        }
    }
}
