using System.Buffers;
using System.Text;
using CtiCore.Asterisk.Protocol.Actions;

namespace CtiCore.Asterisk.Protocol.Tests;

public sealed class AmiActionWriterTests
{
    [Fact]
    public void Originate_is_written_with_its_action_id_variables_and_async()
    {
        var action = new OriginateAction
        {
            Channel = "PJSIP/2001",
            Context = "cticore-click-to-call",
            Exten = "5551234",
            Priority = "1",
            CallerID = "\"Müller\" <2001>",
            Variables = new Dictionary<string, string> { ["CTICORE_INTERACTION"] = "42" },
        };

        var text = Encoding.UTF8.GetString(AmiActionWriter.ToBytes(action, "cti-7"));

        Assert.Equal(
            "Action: Originate\r\nActionID: cti-7\r\nChannel: PJSIP/2001\r\nExten: 5551234\r\nContext: cticore-click-to-call\r\n" +
            "Priority: 1\r\nCallerID: \"Müller\" <2001>\r\nAsync: true\r\nVariable: CTICORE_INTERACTION=42\r\n\r\n",
            text);
    }

    [Theory]
    [InlineData("5551234\r\nAction: Command")]
    [InlineData("5551234\nCommand: core stop now")]
    [InlineData("5551234\r")]
    public void A_value_with_cr_or_lf_is_refused_and_nothing_is_written(string injected)
    {
        var output = new ArrayBufferWriter<byte>();
        var action = new OriginateAction { Channel = "PJSIP/2001", Exten = injected, Context = "x", Priority = "1" };

        var error = Assert.Throws<AmiException>(() => AmiActionWriter.Write(output, action, "1"));

        Assert.Equal(AmiErrorReason.InvalidActionValue, error.Reason);
        Assert.Contains("Exten", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Command", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Injection_through_a_variable_or_extra_field_or_key_is_refused()
    {
        var variable = new OriginateAction
        {
            Channel = "Local/answer@cticore-test",
            Variables = new Dictionary<string, string> { ["X"] = "1\r\nAction: Hangup" },
        };
        Assert.Equal(AmiErrorReason.InvalidActionValue, Assert.Throws<AmiException>(() => AmiActionWriter.ToBytes(variable, "1")).Reason);

        var key = new AmiCustomAction("Setvar").Set("Variable\r\nAction", "x");
        Assert.Equal(AmiErrorReason.InvalidActionValue, Assert.Throws<AmiException>(() => AmiActionWriter.ToBytes(key, "1")).Reason);

        var colon = new AmiCustomAction("Setvar").Set("Bad:Key", "x");
        Assert.Equal(AmiErrorReason.InvalidActionValue, Assert.Throws<AmiException>(() => AmiActionWriter.ToBytes(colon, "1")).Reason);

        var actionId = new PingAction();
        Assert.Throws<AmiException>(() => AmiActionWriter.ToBytes(actionId, "1\r\nAction: Command"));
    }

    [Fact]
    public void A_refused_secret_is_not_quoted_in_the_error_nor_in_ToString()
    {
        var login = new LoginAction { Username = "cticore", Secret = "s3cr3t\r\nAction: Originate" };
        var error = Assert.Throws<AmiException>(() => AmiActionWriter.ToBytes(login, "1"));
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", login.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Written_actions_read_back_through_the_scanner_as_packets()
    {
        // The writer's framing is the scanner's framing: an action, with Action renamed to Event, parses back.
        var bytes = AmiActionWriter.ToBytes(new SetvarAction { Variable = "CTICORE_X", Value = "été: ok", Channel = "PJSIP/2001-1" }, "9");
        var asEvent = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("Action:", "Event:", StringComparison.Ordinal));
        var packet = Assert.Single(ScannerDriver.OneChunk(asEvent, expectBanner: false).Packets);
        Assert.Equal("Setvar", packet.EventName);
        Assert.Equal("été: ok", packet["Value"]);
        Assert.Equal("9", packet.ActionId);
    }
}
