using CtiCore.Domain.Crm;
using CtiCore.Server.Api.Common;

namespace CtiCore.Server.Api.Clients;

public sealed record ClientSummary(
    long Id,
    ClientKind Kind,
    string Name,
    string? TaxId,
    string? Region,
    string? TimeZone,
    long? ResponsibleManagerId,
    IReadOnlyList<PhoneResponse> Phones);
