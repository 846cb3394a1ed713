using CtiCore.Domain.Campaigns;

namespace CtiCore.Domain.Tests.Campaigns;

public sealed class CampaignScriptTests
{
    private static readonly Campaign Campaign = new()
    {
        Name = "Scripts",
        Scripts =
        [
            new ConversationScript { Text = "default" },
            new ConversationScript { Segment = "VIP", Text = "vip" },
            new ConversationScript { DealStage = "Proposal", Text = "proposal" },
            new ConversationScript { Segment = "VIP", DealStage = "Proposal", Text = "vip proposal" },
        ],
    };

    [Theory]
    [InlineData(null, null, "default")]
    [InlineData("vip", null, "vip")]
    [InlineData("Retail", "Proposal", "proposal")]
    [InlineData("VIP", "proposal", "vip proposal")]
    [InlineData("Retail", "Negotiation", "default")]
    public void The_most_specific_matching_script_is_shown(string? segment, string? stage, string expected)
    {
        Assert.Equal(expected, Campaign.ScriptFor(segment, stage)?.Text);
    }
}
