using CsCheck;
using LanguageExt;

namespace Orders.Decider.Tests.Properties;

/// <summary>
/// What must hold for every history and every command sequence: the decider starts from a history the original could
/// have written (or from no stream), decides each generated command, and folds what it accepts.
/// </summary>
public class DeciderProperties
{
    const int Iterations = 1_000;

    static readonly string[] Codes =
    [
        "order_not_found", "order_already_exists", "order_already_paid", "order_canceled",
        "order_completed", "order_not_paid", "order_not_submitted",
    ];

    static readonly Gen<(OrderEvent[] History, OrderCommand[] Commands)> Scenario = Gen.Select(Generators.History, Generators.Commands);

    static OrderState Fold(IEnumerable<OrderEvent> events) => events.Aggregate(OrderDecider.Initial, OrderDecider.Evolve);

    static OrderState Apply(OrderState state, Seq<OrderEvent> events) => events.Fold(state, OrderDecider.Evolve);

    static Seq<OrderEvent> Emitted(Either<OrderError, Seq<OrderEvent>> outcome) => outcome.IfLeft(Seq<OrderEvent>.Empty);

    [Fact]
    public void Decide_never_throws_and_rejects_only_with_a_known_code() =>
        Scenario.Sample((history, commands) =>
        {
            var state = Fold(history);
            foreach (var command in commands)
            {
                var outcome = OrderDecider.Decide(command, state);
                outcome.IfLeft(error => Assert.Contains(error.Code, Codes));
                state = Apply(state, Emitted(outcome));
            }
        }, iter: Iterations);

    [Fact]
    public void Folding_the_emitted_events_gives_the_total_of_the_last_cart_exactly() =>
        Generators.Commands.Sample(commands =>
        {
            var state = OrderDecider.Initial;
            var cart = ValueList<ShopItem>.Empty;
            foreach (var command in commands)
            {
                foreach (var @event in Emitted(OrderDecider.Decide(command, state)))
                {
                    state = OrderDecider.Evolve(state, @event);
                    cart = @event switch
                    {
                        OrderEvent.OrderCreated e => e.ShopItems,
                        OrderEvent.ShoppingCartUpdated e => e.ShopItems,
                        _ => cart,
                    };
                }
            }
            if (state is OrderState.Placed order)
            {
                Assert.Equal(cart, order.ShopItems);
                Assert.Equal(TotalInCents(cart) / 100m, order.TotalPrice);
            }
        }, iter: Iterations);

    /// <summary>An independent reckoning in whole cents, which integer arithmetic keeps exact.</summary>
    static long TotalInCents(ValueList<ShopItem> items) => items.Sum(item => (long)(item.Price * 100) * item.Quantity);

    [Fact]
    public void A_terminal_state_never_emits_a_new_event() =>
        Scenario.Sample((history, commands) =>
        {
            var state = Fold(history);
            foreach (var command in commands)
            {
                var emitted = Emitted(OrderDecider.Decide(command, state));
                if (OrderDecider.IsTerminal(state))
                    Assert.True(emitted.IsEmpty, $"{command} on terminal {state} emitted {emitted}");
                state = Apply(state, emitted);
            }
        }, iter: Iterations);

    [Fact]
    public void Replaying_an_accepted_command_right_after_it_emits_nothing() =>
        Scenario.Sample((history, commands) =>
        {
            var state = Fold(history);
            foreach (var command in commands)
            {
                var outcome = OrderDecider.Decide(command, state);
                if (outcome.IsLeft)
                    continue;
                state = Apply(state, Emitted(outcome));
                var replay = OrderDecider.Decide(command, state);
                if (command is OrderCommand.CreateOrder)
                    Assert.Equal("order_already_exists", replay.Match(Right: _ => "accepted", Left: error => error.Code));
                else
                    Assert.True(replay.Match(Right: events => events.IsEmpty, Left: _ => false), $"replaying {command} gave {replay}");
            }
        }, iter: Iterations);
}
