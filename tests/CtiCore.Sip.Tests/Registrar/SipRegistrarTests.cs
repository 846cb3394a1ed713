using CtiCore.Sip.Messages;
using CtiCore.Sip.Registrar;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Sip.Tests.Registrar;

/// <summary>RFC 3261 §10.3 registrar behaviour.</summary>
public sealed class SipRegistrarTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly SipRegistrar _registrar;

    public SipRegistrarTests()
    {
        _registrar = new SipRegistrar(new SipRegistrarOptions { MinExpiresSeconds = 60, DefaultExpiresSeconds = 3600, MaxExpiresSeconds = 7200 }, _time);
    }

    private static SipMessage Register(long cseq, string? expires, params string[] contacts)
    {
        var builder = SipMessageBuilder.Request("REGISTER", "sip:cticore")
            .Add(SipHeaderId.Via, $"SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKr{cseq}")
            .Add(SipHeaderId.From, "<sip:alice@cticore>;tag=1")
            .Add(SipHeaderId.To, "<sip:alice@CTICORE>")
            .Add(SipHeaderId.CallId, "reg-call")
            .Add(SipHeaderId.CSeq, $"{cseq} REGISTER");
        foreach (var contact in contacts)
        {
            builder.Add(SipHeaderId.Contact, contact);
        }
        if (expires is not null)
        {
            builder.Add(SipHeaderId.Expires, expires);
        }
        return builder.Build();
    }

    private SipMessage Apply(SipMessage request) => _registrar.Register(request, "t").Build();

    [Fact]
    public void Binding_lives_for_its_expiry_and_no_longer()
    {
        var ok = Apply(Register(1, "120", "<sip:alice@192.0.2.5:5062>"));
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("120", Assert.Single(ok.Contacts).Parameters.Get("expires"));
        Assert.Single(_registrar.GetBindings("sip:alice@cticore"));
        _time.Advance(TimeSpan.FromSeconds(119));
        Assert.Single(_registrar.GetBindings("sip:alice@cticore"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(_registrar.GetBindings("sip:alice@cticore"));
    }

    [Fact]
    public void Contact_expires_parameter_wins_over_the_header_and_the_default_applies_without_either()
    {
        Apply(Register(1, "300", "<sip:alice@h1>;expires=90", "<sip:alice@h2>"));
        Apply(Register(2, null, "<sip:alice@h3>"));
        var bindings = _registrar.GetBindings("sip:alice@cticore").ToDictionary(b => b.Contact.Uri!.Host, b => b.ExpiresAt - _time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(90), bindings["h1"]);
        Assert.Equal(TimeSpan.FromSeconds(300), bindings["h2"]);
        Assert.Equal(TimeSpan.FromSeconds(3600), bindings["h3"]);
    }

    [Fact]
    public void Too_brief_an_interval_gets_423_with_min_expires_and_too_long_is_capped()
    {
        var brief = Apply(Register(1, "30", "<sip:alice@h1>"));
        Assert.Equal(423, brief.StatusCode);
        Assert.Equal("60", brief.GetHeader(SipHeaderId.MinExpires));
        Assert.Empty(_registrar.GetBindings("sip:alice@cticore"));

        var capped = Apply(Register(2, "999999", "<sip:alice@h1>"));
        Assert.Equal("7200", Assert.Single(capped.Contacts).Parameters.Get("expires"));
    }

    [Fact]
    public void Expires_zero_removes_one_and_wildcard_removes_all()
    {
        Apply(Register(1, "600", "<sip:alice@h1>", "<sip:alice@h2>"));
        Apply(Register(2, null, "<sip:alice@h1>;expires=0"));
        Assert.Equal("h2", Assert.Single(_registrar.GetBindings("sip:alice@cticore")).Contact.Uri!.Host);

        Assert.Equal(400, Apply(Register(3, "600", "*")).StatusCode);
        var cleared = Apply(Register(4, "0", "*"));
        Assert.Equal(200, cleared.StatusCode);
        Assert.Empty(cleared.Contacts);
        Assert.Empty(_registrar.GetBindings("sip:alice@cticore"));
    }

    [Fact]
    public void A_query_without_contacts_lists_the_bindings()
    {
        Apply(Register(1, "600", "<sip:alice@h1>"));
        _time.Advance(TimeSpan.FromSeconds(100));
        var listed = Apply(Register(2, null));
        Assert.Equal("500", Assert.Single(listed.Contacts).Parameters.Get("expires"));
    }

    [Fact]
    public void An_older_cseq_on_the_same_call_id_does_not_update()
    {
        Apply(Register(5, "600", "<sip:alice@h1>"));
        Assert.Equal(500, Apply(Register(4, "60", "<sip:alice@h1>")).StatusCode);
        var binding = Assert.Single(_registrar.GetBindings("sip:alice@cticore"));
        Assert.Equal(TimeSpan.FromSeconds(600), binding.ExpiresAt - _time.GetUtcNow());
    }
}
