using CtiCore.Asterisk.Ami;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CtiCore.Asterisk.Tests;

public sealed class AmiOptionsValidatorTests
{
    [Fact]
    public void Valid_options_pass()
        => Assert.True(new AmiOptionsValidator().Validate(null, TestClients.Options(5038)).Succeeded);

    [Fact]
    public void Missing_or_broken_values_are_each_reported_without_echoing_the_secret()
    {
        var options = new AmiOptions { Host = "", Port = 0, Username = "", Secret = "x\r\ny", EventQueueCapacity = 1, ReconnectMinDelay = TimeSpan.FromSeconds(5), ReconnectMaxDelay = TimeSpan.FromSeconds(1) };

        var result = new AmiOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Host", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Port", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Username is required", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("CR or LF", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("EventQueueCapacity", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("ReconnectMaxDelay", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Failures!, f => f.Contains("x\r\ny", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddAmiClient_binds_the_section_and_validates_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ami:Host"] = "127.0.0.1", ["Ami:Port"] = "15038", ["Ami:Username"] = "cticore", ["Ami:Secret"] = "s",
            ["Ami:LoginMode"] = "Plain",
        }).Build();
        await using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddAmiClient().BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AmiOptions>>().Value;

        Assert.Equal(15038, options.Port);
        Assert.Equal(AmiLoginMode.Plain, options.LoginMode);
        Assert.NotNull(provider.GetRequiredService<AmiClient>());

        var broken = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Ami:Port"] = "70000" }).Build();
        await using var invalid = new ServiceCollection().AddSingleton<IConfiguration>(broken).AddLogging().AddAmiClient().BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => invalid.GetRequiredService<IOptions<AmiOptions>>().Value);
    }
}
