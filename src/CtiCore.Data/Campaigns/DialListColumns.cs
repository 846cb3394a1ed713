using System.Globalization;

namespace CtiCore.Data.Campaigns;

/// <summary>Which column of the file holds what, found by header name in English or Russian, case and punctuation ignored.</summary>
internal sealed record DialListColumns(int Phone, int Name, int ClientId, int Region, int TimeZone)
{
    private static readonly string[] PhoneNames = ["phone", "phonenumber", "telephone", "tel", "number", "msisdn", "телефон", "номер", "номертелефона"];
    private static readonly string[] NameNames = ["name", "fullname", "contact", "имя", "фио", "контакт", "наименование"];
    private static readonly string[] ClientIdNames = ["clientid", "crmid", "customerid", "idклиента", "кодклиента"];
    private static readonly string[] RegionNames = ["region", "регион", "область"];
    private static readonly string[] TimeZoneNames = ["timezone", "tz", "часовойпояс"];

    public static DialListColumns Map(IReadOnlyList<string> headers, char separator)
    {
        var keys = headers.Select(Key).ToList();
        int Find(string[] names) => keys.FindIndex(k => names.Contains(k));

        var phone = Find(PhoneNames);
        if (phone < 0)
        {
            var seen = string.Join(" | ", headers.Select(h => $"\"{h}\""));
            var sep = separator == '\t' ? "tab" : $"'{separator}'";
            throw new DialListImportException(
                $"No phone column: the header has {headers.Count} column(s) {seen} (separator {sep}). " +
                $"Name the column with the numbers one of: {string.Join(", ", PhoneNames)}. " +
                "If the whole header shows as one column, the file uses a separator other than ';', ',' or tab.");
        }

        return new DialListColumns(phone, Find(NameNames), Find(ClientIdNames), Find(RegionNames), Find(TimeZoneNames));
    }

    private static string Key(string header) =>
        new([.. header.Trim().ToLower(CultureInfo.InvariantCulture).Where(char.IsLetterOrDigit)]);
}
