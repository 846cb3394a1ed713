using CtiCore.Sip.B2bua;

namespace CtiCore.Sip.Tests.B2bua;

/// <summary>The call key names grains, recordings and files: a Call-ID becomes one only when it is safe as it is.</summary>
public sealed class SipCallKeyTests
{
    [Theory]
    [InlineData("a84b4c76e66710")]
    [InlineData("1800000000.42")]
    [InlineData("f81d4fae-7dec-11d0-a765-00a0c91e6bf6")]
    public void A_safe_call_id_is_its_own_key(string callId) => Assert.Equal(callId, SipCallKey.From(callId));

    [Theory]
    [InlineData("1-4242@127.0.0.1")]
    [InlineData("../../etc/passwd")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("a..b")]
    [InlineData("")]
    public void Any_other_call_id_becomes_a_stable_hashed_key(string callId)
    {
        var key = SipCallKey.From(callId);

        Assert.NotEqual(callId, key);
        Assert.True(SipCallKey.IsSafe(key), key);
        Assert.StartsWith("sip-", key, StringComparison.Ordinal);
        Assert.Equal(key, SipCallKey.From(callId));
        Assert.NotEqual(key, SipCallKey.From(callId + "x"));
    }

    [Fact]
    public void A_call_id_longer_than_a_key_may_be_is_hashed()
    {
        var callId = new string('a', SipCallKey.MaxLength + 1);

        Assert.True(SipCallKey.IsSafe(SipCallKey.From(callId)));
        Assert.NotEqual(callId, SipCallKey.From(callId));
    }
}
