namespace CtiCore.Domain.Campaigns;

public enum CampaignState
{
    Draft = 0,
    Running = 1,
    Paused = 2,
    Stopped = 3,
}
