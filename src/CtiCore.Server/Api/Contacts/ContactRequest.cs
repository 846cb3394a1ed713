using CtiCore.Server.Api.Common;

namespace CtiCore.Server.Api.Contacts;

public sealed record ContactRequest(string? Name, string? Position, IReadOnlyList<string>? Emails, IReadOnlyList<PhoneInput>? Phones);
