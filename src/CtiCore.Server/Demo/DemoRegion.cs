namespace CtiCore.Server.Demo;

/// <summary>A Russian region for demo clients: its IANA time zone and a landline area code (ABC code).</summary>
internal sealed record DemoRegion(string Name, string TimeZone, string AreaCode)
{
    public static readonly IReadOnlyList<DemoRegion> All =
    [
        new("Москва", "Europe/Moscow", "495"),
        new("Санкт-Петербург", "Europe/Moscow", "812"),
        new("Казань", "Europe/Moscow", "843"),
        new("Нижний Новгород", "Europe/Moscow", "831"),
        new("Краснодар", "Europe/Moscow", "861"),
        new("Калининград", "Europe/Kaliningrad", "4012"),
        new("Самара", "Europe/Samara", "846"),
        new("Екатеринбург", "Asia/Yekaterinburg", "343"),
        new("Омск", "Asia/Omsk", "3812"),
        new("Новосибирск", "Asia/Novosibirsk", "383"),
        new("Красноярск", "Asia/Krasnoyarsk", "391"),
        new("Иркутск", "Asia/Irkutsk", "3952"),
        new("Якутск", "Asia/Yakutsk", "4112"),
        new("Хабаровск", "Asia/Vladivostok", "4212"),
        new("Владивосток", "Asia/Vladivostok", "423"),
    ];
}
