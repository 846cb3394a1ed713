using CtiCore.Sip.Dialogs;
using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Tests.Dialogs;

/// <summary>RFC 3261 §12: dialog id, route set order, remote target and CSeq rules.</summary>
public sealed class SipDialogTests
{
    private static SipMessage Invite() =>
        SipMessageBuilder.Request(SipMethod.Invite, "sip:bob@example.com")
            .Add(SipHeaderId.Via, "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKd1")
            .Add(SipHeaderId.From, "<sip:alice@example.com>;tag=a1")
            .Add(SipHeaderId.To, "<sip:bob@example.com>")
            .Add(SipHeaderId.CallId, "dialog-1")
            .Add(SipHeaderId.CSeq, "7 INVITE")
            .Add(SipHeaderId.Contact, "<sip:alice@192.0.2.1:5070>")
            .Add(SipHeaderId.RecordRoute, "<sip:p1.example.com;lr>, <sip:p2.example.com;lr>")
            .Build();

    [Fact]
    public void Uas_dialog_takes_ids_route_set_in_order_and_the_callers_contact()
    {
        var dialog = SipDialog.CreateAsUas(Invite(), "b2");
        Assert.Equal(new SipDialogId("dialog-1", "b2", "a1"), dialog.Id);
        Assert.Equal(["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"], dialog.RouteSet);
        Assert.Equal("sip:alice@192.0.2.1:5070", dialog.RemoteTarget.Text);
        Assert.Equal(7, dialog.RemoteSequence);
    }

    [Fact]
    public void Uac_dialog_reverses_the_route_set_and_targets_the_answerers_contact()
    {
        var invite = Invite();
        var ok = SipMessageBuilder.ResponseTo(invite, 200, toTag: "b2")
            .Add(SipHeaderId.RecordRoute, "<sip:p1.example.com;lr>, <sip:p2.example.com;lr>")
            .Add(SipHeaderId.Contact, "<sip:bob@192.0.2.9>")
            .Build();
        var dialog = SipDialog.CreateAsUac(invite, ok);
        Assert.Equal(new SipDialogId("dialog-1", "a1", "b2"), dialog.Id);
        Assert.Equal(["<sip:p2.example.com;lr>", "<sip:p1.example.com;lr>"], dialog.RouteSet);
        Assert.Equal("sip:bob@192.0.2.9", dialog.RemoteTarget.Text);
        Assert.Equal(8, dialog.NextLocalSequence());
        Assert.Equal(9, dialog.NextLocalSequence());
    }

    [Fact]
    public void Out_of_order_remote_cseq_is_refused_and_the_id_of_an_incoming_request_matches()
    {
        var dialog = SipDialog.CreateAsUas(Invite(), "b2");
        Assert.True(dialog.AcceptRemoteSequence(8));
        Assert.False(dialog.AcceptRemoteSequence(6));
        var bye = SipMessageBuilder.Request(SipMethod.Bye, "sip:bob@192.0.2.9")
            .Add(SipHeaderId.Via, "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKd2")
            .Add(SipHeaderId.From, "<sip:alice@example.com>;tag=a1")
            .Add(SipHeaderId.To, "<sip:bob@example.com>;tag=b2")
            .Add(SipHeaderId.CallId, "dialog-1")
            .Add(SipHeaderId.CSeq, "9 BYE")
            .Build();
        Assert.Equal(dialog.Id, SipDialog.IdOfIncoming(bye));
        dialog.RefreshTarget(SipUri.Parse("sip:alice@192.0.2.77"));
        Assert.Equal("192.0.2.77", dialog.RemoteTarget.Host);
    }
}
