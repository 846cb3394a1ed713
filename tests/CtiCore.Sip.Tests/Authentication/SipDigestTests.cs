using CtiCore.Sip.Authentication;
using CtiCore.Sip.Messages;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Sip.Tests.Authentication;

public sealed class SipDigestTests
{
    [Fact]
    public void Rfc2617_section_3_5_example()
    {
        var response = SipDigest.Response(SipDigestAlgorithm.Md5, "Mufasa", "testrealm@host.com", "Circle Of Life", "GET", "/dir/index.html",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093", "auth", "00000001", "0a4f113b");
        Assert.Equal("6629fae49393a05397450978507c4ef1", response);
    }

    [Theory]
    [InlineData(SipDigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData(SipDigestAlgorithm.Sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Rfc7616_section_3_9_1_examples(SipDigestAlgorithm algorithm, string expected)
    {
        var response = SipDigest.Response(algorithm, "Mufasa", "http-auth@example.org", "Circle of Life", "GET", "/dir/index.html",
            "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "auth", "00000001", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
        Assert.Equal(expected, response);
    }

    private static SipMessage Register(string? authorization)
    {
        var builder = SipMessageBuilder.Request("REGISTER", "sip:cticore")
            .Add(SipHeaderId.Via, "SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKr1")
            .Add(SipHeaderId.From, "<sip:alice@cticore>;tag=1")
            .Add(SipHeaderId.To, "<sip:alice@cticore>")
            .Add(SipHeaderId.CallId, "reg-1")
            .Add(SipHeaderId.CSeq, "1 REGISTER");
        if (authorization is not null)
        {
            builder.Add(SipHeaderId.Authorization, authorization);
        }
        return builder.Build();
    }

    [Theory]
    [InlineData(SipDigestAlgorithm.Md5)]
    [InlineData(SipDigestAlgorithm.Sha256)]
    public void Client_answer_to_a_server_challenge_verifies_and_goes_stale_after_the_nonce_lifetime(SipDigestAlgorithm algorithm)
    {
        var time = new FakeTimeProvider();
        var server = new SipDigestServer("cticore", user => user == "alice" ? "s3cret" : null, time, TimeSpan.FromMinutes(5), [algorithm]);
        Assert.Equal(SipDigestVerdict.Missing, server.Verify(Register(null)));

        var challenge = Assert.Single(server.CreateChallenges());
        Assert.Contains($"algorithm={SipDigest.AlgorithmName(algorithm)}", challenge, StringComparison.Ordinal);
        var good = SipDigestClient.Authorize(challenge, "REGISTER", "sip:cticore", "alice", "s3cret");
        Assert.Equal(SipDigestVerdict.Valid, server.Verify(Register(good)));
        Assert.Equal("alice", SipDigestServer.UserName(Register(good)));

        var wrong = SipDigestClient.Authorize(challenge, "REGISTER", "sip:cticore", "alice", "guess");
        Assert.Equal(SipDigestVerdict.Invalid, server.Verify(Register(wrong)));
        var stranger = SipDigestClient.Authorize(challenge, "REGISTER", "sip:cticore", "mallory", "s3cret");
        Assert.Equal(SipDigestVerdict.Invalid, server.Verify(Register(stranger)));
        var otherUri = SipDigestClient.Authorize(challenge, "REGISTER", "sip:elsewhere", "alice", "s3cret");
        Assert.Equal(SipDigestVerdict.Invalid, server.Verify(Register(otherUri)));

        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.Equal(SipDigestVerdict.Stale, server.Verify(Register(good)));
        Assert.Contains("stale=true", server.CreateChallenges(stale: true)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_nonce_we_did_not_issue_is_refused_even_with_the_right_password()
    {
        var time = new FakeTimeProvider();
        var server = new SipDigestServer("cticore", _ => "pw", time, TimeSpan.FromMinutes(5));
        var other = new SipDigestServer("cticore", _ => "pw", time, TimeSpan.FromMinutes(5));
        var forged = SipDigestClient.Authorize(other.CreateChallenges()[0], "REGISTER", "sip:cticore", "alice", "pw");
        Assert.Equal(SipDigestVerdict.Invalid, server.Verify(Register(forged)));
    }

    [Fact]
    public void Offers_sha256_before_md5()
    {
        var server = new SipDigestServer("r", _ => null, new FakeTimeProvider(), TimeSpan.FromMinutes(1));
        var challenges = server.CreateChallenges();
        Assert.Contains("algorithm=SHA-256", challenges[0], StringComparison.Ordinal);
        Assert.Contains("algorithm=MD5", challenges[1], StringComparison.Ordinal);
        Assert.Contains("qop=\"auth\"", challenges[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Auth_parameters_parse_quoted_and_token_values()
    {
        var p = SipAuthParameters.Parse("Digest username=\"a\\\"b\", realm=\"r, with comma\", nc=00000001, qop=auth");
        Assert.True(p.IsDigest);
        Assert.Equal("a\"b", p["username"]);
        Assert.Equal("r, with comma", p["realm"]);
        Assert.Equal("00000001", p["nc"]);
        Assert.Throws<SipRejectedException>(() => SipAuthParameters.Parse("Digest realm=\"open"));
    }
}
