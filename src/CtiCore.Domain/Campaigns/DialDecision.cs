namespace CtiCore.Domain.Campaigns;

/// <summary>The answer of <see cref="DialEligibility"/>: dial, or why not and (when known) from when it may be asked again.</summary>
public readonly record struct DialDecision(DialRefusalReason Reason, string Explanation, DateTimeOffset? NotBefore = null)
{
    public bool Allowed => Reason == DialRefusalReason.None;

    public static DialDecision Allow(string explanation) => new(DialRefusalReason.None, explanation);

    public static DialDecision Refuse(DialRefusalReason reason, string explanation, DateTimeOffset? notBefore = null) =>
        new(reason, explanation, notBefore);

    public override string ToString() => Allowed ? $"allowed: {Explanation}" : $"refused ({Reason}): {Explanation}";
}
