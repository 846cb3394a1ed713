using CtiCore.Domain.Crm;

namespace CtiCore.Server.Api.Common;

/// <summary>A phone number as the user wrote it ("8 (495) 660-18-12", "+7 495 660 18 12", "74956601812").</summary>
public sealed record PhoneInput(string? Number, PhoneKind? Kind);
