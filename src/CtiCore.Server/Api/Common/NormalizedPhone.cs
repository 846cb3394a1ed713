using CtiCore.Domain.Crm;

namespace CtiCore.Server.Api.Common;

/// <summary>A validated phone input: the E.164 key plus the text exactly as entered.</summary>
public sealed record NormalizedPhone(string E164, string OriginalText, PhoneKind Kind);
