using CtiCore.Domain.Crm;
using CtiCore.Server.Api.Common;

namespace CtiCore.Server.Api.Clients;

/// <summary>Create or replace a client. <c>name</c> is required; phones may be written in any form.</summary>
public sealed record ClientRequest(
    ClientKind? Kind,
    string? Name,
    string? TaxId,
    string? Email,
    string? Segment,
    IReadOnlyList<string>? Tags,
    string? Region,
    string? TimeZone,
    string? Source,
    long? ResponsibleManagerId,
    IReadOnlyList<PhoneInput>? Phones);
