namespace CtiCore.Domain.Campaigns;

/// <summary>The port the dial-time check asks: is this number blocked for this campaign right now?</summary>
public interface IDoNotCallList
{
    /// <summary>True when <paramref name="e164"/> is on the global list or on <paramref name="campaignId"/>'s list at <paramref name="now"/>.</summary>
    bool IsBlocked(string e164, long campaignId, DateTimeOffset now);
}
