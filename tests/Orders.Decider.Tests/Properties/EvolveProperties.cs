using CsCheck;

namespace Orders.Decider.Tests.Properties;

/// <summary>
/// Events are facts: Evolve accepts any sequence of them, including ones this decider would refuse today, and a
/// finished order never drifts back to an open status.
/// </summary>
public class EvolveProperties
{
    /// <summary>Canceled outranks completed: a late cancel of a completed order wins, nothing else goes back.</summary>
    static int Rank(OrderStatus status) =>
        status switch
        {
            OrderStatus.Pending => 0,
            OrderStatus.Paid => 1,
            OrderStatus.Submitted => 2,
            OrderStatus.Completed => 3,
            OrderStatus.Canceled => 4,
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
        };

    static readonly Gen<OrderEvent[]> AnySequence = Gen.OneOf<OrderEvent[]>(Generators.History, Generators.Event.Array[0, 30]);

    [Fact]
    public void Evolve_accepts_any_sequence_and_status_never_goes_back() =>
        AnySequence.Sample(events =>
        {
            var state = OrderDecider.Initial;
            foreach (var @event in events)
            {
                var next = OrderDecider.Evolve(state, @event);
                if (state is OrderState.Placed before && next is OrderState.Placed after)
                {
                    Assert.True(Rank(after.Status) >= Rank(before.Status), $"{@event} took {before.Status} back to {after.Status}");
                    if (after.Status == OrderStatus.Canceled && before.Status != OrderStatus.Canceled)
                        Assert.IsType<OrderEvent.OrderCanceled>(@event);
                    Assert.True(!before.Paid || after.Paid, "paid was forgotten");
                    Assert.True(!before.Submitted || after.Submitted, "submitted was forgotten");
                    Assert.True(!before.Completed || after.Completed, "completed was forgotten");
                    Assert.True(!before.Canceled || after.Canceled, "canceled was forgotten");
                }
                Assert.False(state is OrderState.Placed && next is OrderState.None, "an order disappeared");
                state = next;
            }
        }, iter: 2_000);
}
