using CtiCore.Domain.Telephony;

namespace CtiCore.Domain.Tests.Telephony;

public sealed class EventOrderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("a", 2, 0, "a", 1, 5, true)]   // same source: sequence decides, even against the clock
    [InlineData("a", 1, 5, "a", 2, 0, false)]
    [InlineData("a", 1, 0, "a", 1, 0, false)]  // the same position is not "after"
    [InlineData("a", 1, 5, "b", 9, 0, true)]   // different sources: the timestamp decides
    [InlineData("a", 9, 0, "b", 1, 5, false)]
    public void Sequence_orders_within_a_source_and_time_across_sources(
        string source, long sequence, int second, string otherSource, long otherSequence, int otherSecond, bool expected)
    {
        var order = new EventOrder(source, sequence, T0.AddSeconds(second));
        var other = new EventOrder(otherSource, otherSequence, T0.AddSeconds(otherSecond));

        Assert.Equal(expected, order.IsAfter(other));
    }
}
