using Bogus;
using Bogus.DataSets;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Phones;
using Microsoft.AspNetCore.Identity;

namespace CtiCore.Server.Demo;

/// <summary>
/// Realistic Russian demo data from a fixed seed: the same seed gives the same CRM on every machine, so a
/// screenshot or a bug report can point at "client 17".
/// </summary>
internal sealed class DemoDataGenerator(PhoneNormalizer normalizer, IPasswordHasher<User> hasher, TimeProvider time)
{
    public const int Seed = 20_261_123;
    public const string DemoPassword = "Demo-2026!";
    private const int ClientCount = 120;
    private const int InteractionCount = 300;

    private static readonly string[] Segments = ["Малый бизнес", "Средний бизнес", "Крупный бизнес", "Госсектор", "Частный клиент"];
    private static readonly string[] Sources = ["Входящий звонок", "Сайт", "Выставка", "Рекомендация", "Импорт"];
    private static readonly string[] Stages = ["Новая", "Квалификация", "Предложение", "Переговоры", "Выиграна", "Проиграна"];
    private static readonly string[] Positions = ["Генеральный директор", "Главный бухгалтер", "Менеджер по закупкам", "Офис-менеджер", "Юрист", "ИТ-директор"];
    private static readonly string[] Dispositions = ["Консультация", "Заказ", "Жалоба", "Перезвонить", "Счёт"];

    private readonly Faker _faker = new("ru") { Random = new Randomizer(Seed) };
    private readonly HashSet<string> _usedPhones = new(StringComparer.Ordinal);

    public DemoData Generate()
    {
        var now = time.GetUtcNow();
        var departments = new List<Department>
        {
            Department("Отдел продаж", "+7 495 120-00-01", LoadMetric.LongestIdle),
            Department("Служба поддержки", "+7 495 120-00-02", LoadMetric.FewestCallsToday),
            Department("Корпоративные клиенты", "+7 495 120-00-03", LoadMetric.LeastTalkTimeToday),
        };
        var users = Users(departments, now);
        var agents = users.Where(u => u.Role == UserRole.Agent).ToList();
        var clients = Enumerable.Range(0, ClientCount).Select(i => Client(i, agents, now)).ToList();
        var interactions = Interactions(clients, agents, now);
        var tasks = interactions.Where(i => i.Outcome is CallOutcome.Missed or CallOutcome.Abandoned && i.Client is not null).Take(40)
            .Select(i => new FollowUpTask
            {
                Title = $"Перезвонить: {i.Client!.Name}",
                Owner = i.Agent ?? i.Client.ResponsibleManager ?? agents[0],
                Client = i.Client,
                DueAt = i.OfferedAt.AddMinutes(15),
                State = i.OfferedAt < now.AddDays(-2) ? FollowUpTaskState.Done : FollowUpTaskState.Open,
                CreatedAt = i.OfferedAt,
                CompletedAt = i.OfferedAt < now.AddDays(-2) ? i.OfferedAt.AddHours(2) : null,
            }).ToList();
        var deals = clients.Where(c => c.Kind == ClientKind.Company).Take(50).Select(c =>
        {
            var stage = _faker.PickRandom(Stages);
            return new Deal
            {
                Title = $"{_faker.Commerce.ProductName()} для {c.Name}",
                Client = c,
                Owner = c.ResponsibleManager,
                Stage = stage,
                Amount = Math.Round(_faker.Random.Decimal(30_000m, 5_000_000m), 2),
                IsClosed = stage is "Выиграна" or "Проиграна",
                CreatedAt = now.AddDays(-_faker.Random.Int(1, 90)),
            };
        }).ToList();
        return new DemoData(departments, users, clients, interactions, tasks, deals);
    }

    private Department Department(string name, string number, LoadMetric metric) => new()
    {
        Name = name,
        Numbers = [normalizer.Normalize(number)],
        Routing = new DepartmentRoutingSettings { LoadMetric = metric },
    };

    private List<User> Users(List<Department> departments, DateTimeOffset now)
    {
        var users = new List<User>();
        var extension = 100;
        string[] prefixes = ["sales", "support", "corp"];
        int[] agentCounts = [4, 3, 2];
        string[][] skills = [["ru", "sales"], ["ru", "en", "support"], ["ru", "key-accounts"]];
        for (var d = 0; d < departments.Count; d++)
        {
            users.Add(User($"{prefixes[d]}.lead", UserRole.Supervisor, departments[d], skills[d], ++extension, now));
            for (var a = 1; a <= agentCounts[d]; a++)
            {
                users.Add(User($"{prefixes[d]}{a}", UserRole.Agent, departments[d], skills[d], ++extension, now));
            }
        }

        // One planned absence with a substitute, so absence routing has something to show.
        users[1].Absences.Add(new Absence { From = now.AddDays(2), To = now.AddDays(9), SubstituteUser = users[2], Reason = "Отпуск" });
        return users;
    }

    private User User(string login, UserRole role, Department department, string[] skills, int extension, DateTimeOffset now)
    {
        var gender = _faker.PickRandom<Name.Gender>();
        var user = new User
        {
            Login = login,
            DisplayName = $"{_faker.Name.FirstName(gender)} {_faker.Name.LastName(gender)}",
            PasswordHash = string.Empty,
            Role = role,
            Department = department,
            Skills = [.. skills],
            Extension = extension.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Endpoints = [$"PJSIP/{extension}"],
            CreatedAt = now.AddDays(-120),
        };
        user.PasswordHash = hasher.HashPassword(user, DemoPassword);
        return user;
    }

    private Client Client(int index, List<User> agents, DateTimeOffset now)
    {
        var region = _faker.PickRandom(DemoRegion.All.ToList());
        var isCompany = _faker.Random.Bool(0.7f);
        var gender = _faker.PickRandom<Name.Gender>();
        var name = isCompany
            ? CompanyName()
            : $"{_faker.Name.LastName(gender)} {_faker.Name.FirstName(gender)}";
        var created = now.AddDays(-_faker.Random.Int(1, 365));
        var client = new Client
        {
            Kind = isCompany ? ClientKind.Company : ClientKind.Person,
            Name = name,
            TaxId = isCompany ? RussianTaxId.ForCompany(_faker.Random) : _faker.Random.Bool(0.4f) ? RussianTaxId.ForPerson(_faker.Random) : null,
            Email = UniqueEmail($"client{index}"),
            Segment = isCompany ? _faker.PickRandom(Segments[..4]) : Segments[4],
            Tags = _faker.Random.Bool(0.3f) ? ["VIP"] : [],
            Region = region.Name,
            TimeZone = region.TimeZone,
            Source = _faker.PickRandom(Sources),
            ResponsibleManager = _faker.Random.Bool(0.85f) ? _faker.PickRandom(agents) : null,
            CreatedAt = created,
            UpdatedAt = created,
        };
        AddPhone(client.Phones, Landline(region), PhoneKind.Work);
        if (_faker.Random.Bool(0.5f))
        {
            AddPhone(client.Phones, Mobile(), PhoneKind.Mobile);
        }

        var contactCount = isCompany ? _faker.Random.Int(1, 3) : 0;
        for (var c = 0; c < contactCount; c++)
        {
            var contactGender = _faker.PickRandom<Name.Gender>();
            var contact = new ContactPerson
            {
                Name = $"{_faker.Name.FirstName(contactGender)} {_faker.Name.LastName(contactGender)}",
                Position = _faker.PickRandom(Positions),
                Emails = [UniqueEmail($"contact{index}.{c}")],
            };
            AddPhone(contact.Phones, Mobile(), PhoneKind.Mobile);
            client.Contacts.Add(contact);
        }

        return client;
    }

    private List<Interaction> Interactions(List<Client> clients, List<User> agents, DateTimeOffset now)
    {
        var result = new List<Interaction>();
        for (var i = 0; i < InteractionCount; i++)
        {
            var client = _faker.Random.Bool(0.9f) ? _faker.PickRandom(clients) : null;
            var responsible = client?.ResponsibleManager;
            var answeredByResponsible = responsible is not null && _faker.Random.Bool(0.7f);
            var agent = answeredByResponsible ? responsible! : _faker.PickRandom(agents);
            var outcome = _faker.Random.WeightedRandom(
                [CallOutcome.Answered, CallOutcome.Missed, CallOutcome.Abandoned, CallOutcome.Voicemail], [0.78f, 0.1f, 0.08f, 0.04f]);
            var offered = now.AddMinutes(-_faker.Random.Int(10, 30 * 24 * 60));
            var wait = _faker.Random.Int(2, 60);
            var talk = outcome == CallOutcome.Answered ? _faker.Random.Int(20, 900) : 0;
            var answered = outcome == CallOutcome.Answered ? offered.AddSeconds(wait) : (DateTimeOffset?)null;
            result.Add(new Interaction
            {
                Kind = InteractionKind.Call,
                Direction = _faker.Random.Bool(0.8f) ? CallDirection.Inbound : CallDirection.Outbound,
                CallKey = $"demo-{i + 1:0000}",
                FromNumber = client?.Phones.FirstOrDefault()?.E164 ?? normalizer.Normalize(Mobile()),
                ToNumber = agent.Department?.Numbers.FirstOrDefault(),
                Client = client,
                Agent = outcome == CallOutcome.Abandoned ? null : agent,
                DepartmentId = null,
                OfferedAt = offered,
                RingingAt = offered.AddSeconds(1),
                AnsweredAt = answered,
                EndedAt = (answered ?? offered.AddSeconds(wait)).AddSeconds(talk),
                Outcome = outcome,
                WaitSeconds = wait,
                TalkSeconds = talk,
                Disposition = outcome == CallOutcome.Answered ? _faker.PickRandom(Dispositions) : null,
                RoutingReason = client is null
                    ? $"unknown caller → {agent.Department?.Name}: longest idle {agent.DisplayName}"
                    : answeredByResponsible
                        ? $"responsible manager {agent.DisplayName}"
                        : $"responsible manager {(responsible?.DisplayName ?? "none")} unavailable → longest idle: {agent.DisplayName}",
            });
        }

        return result;
    }

    private static readonly string[] NameStarts = ["Сиб", "Урал", "Волга", "Мега", "Тех", "Агро", "Транс", "Евро", "Норд", "Балт", "Дальне", "Кама"];
    private static readonly string[] NameEnds = ["снаб", "сервис", "торг", "пром", "логистик", "инвест", "строй", "комплект", "энерго", "маркет"];

    private string CompanyName()
    {
        var legalForm = _faker.PickRandom("ООО", "ООО", "АО", "ПАО");
        var name = _faker.Random.Int(0, 2) switch
        {
            0 => $"{_faker.Name.LastName(Name.Gender.Male)} и партнёры",
            _ => _faker.PickRandom(NameStarts) + _faker.PickRandom(NameEnds),
        };
        return $"{legalForm} «{name}»";
    }

    private void AddPhone(List<PhoneNumber> target, string written, PhoneKind kind)
    {
        if (normalizer.TryNormalize(written, out var e164, out _) && _usedPhones.Add(e164))
        {
            target.Add(new PhoneNumber { E164 = e164, OriginalText = written, Kind = kind });
        }
    }

    private string Landline(DemoRegion region)
    {
        // Area code + subscriber number = 10 national digits, written the ways people write them.
        var subscriber = _faker.Random.ReplaceNumbers(new string('#', 10 - region.AreaCode.Length));
        subscriber = _faker.Random.Int(2, 9).ToString(System.Globalization.CultureInfo.InvariantCulture) + subscriber[1..];
        return _faker.Random.Int(0, 2) switch
        {
            0 => $"8 ({region.AreaCode}) {subscriber}",
            1 => $"+7 {region.AreaCode} {subscriber}",
            _ => $"8{region.AreaCode}{subscriber}",
        };
    }

    private string Mobile()
    {
        var code = _faker.Random.Int(900, 999);
        var rest = _faker.Random.ReplaceNumbers("###-##-##");
        return _faker.Random.Bool() ? $"+7 {code} {rest}" : $"8 ({code}) {rest}";
    }

    private string UniqueEmail(string local)
    {
        var domain = _faker.PickRandom("mail.ru", "yandex.ru", "example.ru", "bk.ru", "inbox.ru");
        return $"{local}@{domain}"; // the local part carries the index, so addresses are unique
    }
}
