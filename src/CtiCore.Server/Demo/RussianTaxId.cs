using Bogus;

namespace CtiCore.Server.Demo;

/// <summary>INN numbers with correct check digits (10 digits for companies, 12 for individuals; FNS algorithm).</summary>
internal static class RussianTaxId
{
    private static readonly int[] Company = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] PersonFirst = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] PersonSecond = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

    public static string ForCompany(Randomizer random)
    {
        var digits = Digits(random, 9);
        digits.Add(Check(digits, Company));
        return string.Concat(digits);
    }

    public static string ForPerson(Randomizer random)
    {
        var digits = Digits(random, 10);
        digits.Add(Check(digits, PersonFirst));
        digits.Add(Check(digits, PersonSecond));
        return string.Concat(digits);
    }

    private static List<int> Digits(Randomizer random, int count)
    {
        // The first two digits are a region code: never 00.
        var digits = new List<int> { random.Int(1, 9), random.Int(0, 9) };
        while (digits.Count < count)
        {
            digits.Add(random.Int(0, 9));
        }

        return digits;
    }

    private static int Check(List<int> digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += digits[i] * weights[i];
        }

        return sum % 11 % 10;
    }
}
