using CtiCore.Asterisk.Protocol.Actions;
using CtiCore.Asterisk.Protocol.Events;

namespace CtiCore.Asterisk.Protocol.Tests;

public sealed class GeneratedVocabularyTests
{
    [Fact]
    public void Every_documented_manager_event_has_a_typed_view()
    {
        var events = typeof(HangupEvent).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(HangupEvent).Namespace && t.Name.EndsWith("Event", StringComparison.Ordinal))
            .ToList();
        // core-en_US.xml of Asterisk 22.10.1: 185 <managerEvent> definitions, 181 distinct names.
        Assert.Equal(181, events.Count);
    }

    [Fact]
    public void The_actions_CtiCore_sends_are_typed()
    {
        AmiAction[] actions =
        [
            new LoginAction { Username = "u" }, new ChallengeAction { AuthType = "MD5" }, new PingAction(),
            new OriginateAction { Channel = "c" }, new RedirectAction { Channel = "c", Exten = "e", Context = "x", Priority = "1" },
            new BlindTransferAction { Channel = "c", Exten = "e" }, new AtxferAction { Channel = "c", Exten = "e" },
            new HangupAction { Channel = "c" }, new MixMonitorAction { Channel = "c" },
            new MixMonitorMuteAction { Channel = "c", State = "1" }, new StopMixMonitorAction { Channel = "c" },
            new CoreShowChannelsAction(), new StatusAction(), new DeviceStateListAction(),
            new GetvarAction { Variable = "v" }, new SetvarAction { Variable = "v", Value = "1" },
            new CommandAction { Command = "core show version" }, new EventsAction { EventMask = "call" },
        ];

        Assert.Equal(
            ["Login", "Challenge", "Ping", "Originate", "Redirect", "BlindTransfer", "Atxfer", "Hangup", "MixMonitor",
             "MixMonitorMute", "StopMixMonitor", "CoreShowChannels", "Status", "DeviceStateList", "Getvar", "Setvar",
             "Command", "Events"],
            actions.Select(a => a.Name));
        Assert.All(actions, a => Assert.NotEmpty(AmiActionWriter.ToBytes(a, "1")));
    }
}
