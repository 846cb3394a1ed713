namespace CtiCore.Server.Recording;

/// <summary>Body of PUT /api/recordings/{interactionId}/legal-hold.</summary>
public sealed record LegalHoldRequest(bool Hold);
