namespace CtiCore.Grains.Campaigns;

/// <summary>The campaign grain's durable counters (the campaign itself and its entries live in the CRM).</summary>
[GenerateSerializer, Alias("CtiCore.Campaigns.CampaignGrainState")]
public sealed class CampaignGrainState
{
    [Id(0)] public int Attempts { get; set; }
    [Id(1)] public int Contacts { get; set; }
    [Id(2)] public int Abandoned { get; set; }
    [Id(3)] public int Busy { get; set; }
    [Id(4)] public int NoAnswer { get; set; }
    [Id(5)] public int Failed { get; set; }
    [Id(6)] public Dictionary<string, int> Dispositions { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Calls whose disposition was applied, so a repeated request changes nothing.</summary>
    [Id(7)] public List<string> DispositionedCalls { get; set; } = [];

    /// <summary>Answers the PBX's detection found to be answering machines.</summary>
    [Id(8)] public int AnsweringMachines { get; set; }
}
