using System.Text;
using LanguageExt;
using Orders.Decider.Serialization;

namespace Orders.Decider.Tests.Specification;

/// <summary>
/// Given-when-then over the order decider: the given events are folded from <see cref="OrderDecider.Initial"/>
/// with <see cref="OrderDecider.Evolve"/>, the command is decided on the result, and the outcome is compared.
/// </summary>
public static class OrderSpecification
{
    public static GivenOrder Given(params OrderEvent[] history) => new(history);
}

public sealed class GivenOrder(OrderEvent[] history)
{
    public DecidedOrder When(OrderCommand command) =>
        new(history, command, OrderDecider.Decide(command, history.Aggregate(OrderDecider.Initial, OrderDecider.Evolve)));
}

public sealed class DecidedOrder(OrderEvent[] history, OrderCommand command, Either<OrderError, Seq<OrderEvent>> outcome)
{
    public void Then(params OrderEvent[] expected) =>
        outcome.Match(
            Right: events =>
            {
                if (!events.SequenceEqual(expected))
                    Assert.Fail(Report(Describe(expected), Describe(events)));
            },
            Left: error => Assert.Fail(Report(Describe(expected), Describe(error))));

    public void ThenNothing() => Then();

    public void ThenFails(string code) =>
        outcome.Match(
            Right: events => Assert.Fail(Report($"rejected with {code}", Describe(events))),
            Left: error =>
            {
                if (error.Code != code)
                    Assert.Fail(Report($"rejected with {code}", Describe(error)));
            });

    string Report(string expected, string actual)
    {
        var text = new StringBuilder();
        text.AppendLine($"Given    {(history.Length == 0 ? "no stream" : Describe(history))}");
        text.AppendLine($"When     {command}");
        text.AppendLine($"Expected {expected}");
        text.Append($"Actual   {actual}");
        return text.ToString();
    }

    static string Describe(OrderError error) => $"rejected with {error.Code}";

    /// <summary>Events are shown in their stored form, which is exact and short.</summary>
    static string Describe(IEnumerable<OrderEvent> events)
    {
        var lines = events
            .Select(e => $"{OrderEventCodec.TypeOf(e)} {Encoding.UTF8.GetString(OrderEventCodec.Encode(e))}".TrimEnd())
            .ToList();
        return lines.Count == 0 ? "no event" : string.Join(Environment.NewLine + "         ", lines);
    }
}
