using CtiCore.Domain.Phones;

namespace CtiCore.Domain.Tests;

public sealed class PhoneNormalizerTests
{
    private readonly PhoneNormalizer _ru = new("RU");

    [Theory]
    [InlineData("8 (495) 660-18-12")]
    [InlineData("+7 495 660 18 12")]
    [InlineData("74956601812")]
    [InlineData("4956601812")]
    [InlineData("+7(495)660-1812")]
    public void Every_written_form_of_a_Moscow_number_gives_the_same_E164(string text)
    {
        Assert.True(_ru.TryNormalize(text, out var e164, out var error), error);
        Assert.Equal("+74956601812", e164);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hello")]
    [InlineData("12")]
    public void Garbage_is_refused_with_a_reason(string text)
    {
        Assert.False(_ru.TryNormalize(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void A_foreign_number_with_plus_keeps_its_country()
    {
        Assert.Equal("+442079460000", _ru.Normalize("+44 20 7946 0000"));
    }

    [Fact]
    public void Unknown_default_region_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new PhoneNormalizer("XX"));
    }

    [Fact]
    public void A_Vladivostok_number_maps_to_its_time_zone()
    {
        Assert.Contains("Asia/Vladivostok", PhoneNormalizer.TimeZonesOf("+74232000000"));
    }
}
