using LanguageExt;

namespace Orders.Decider;

/// <summary>
/// The four parts of a decider: what a command decides given the state, how an event changes the state,
/// where a stream starts, and when it can accept nothing more.
/// </summary>
public sealed record Decider<TCommand, TEvent, TState, TError>(
    Func<TCommand, TState, Either<TError, Seq<TEvent>>> Decide,
    Func<TState, TEvent, TState> Evolve,
    TState Initial,
    Func<TState, bool> IsTerminal)
{
    public TState Fold(IEnumerable<TEvent> events) => events.Aggregate(Initial, Evolve);
}
