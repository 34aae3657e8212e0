using static Orders.Decider.Tests.Specification.Examples;
using static Orders.Decider.Tests.Specification.OrderSpecification;

namespace Orders.Decider.Tests.Deciding;

public class CompleteOrderSpecs
{
    [Fact]
    public void Rejects_a_missing_order() =>
        Given(NoStream).When(CompleteOrder()).ThenFails("order_not_found");

    [Fact]
    public void Rejects_a_pending_order_as_not_submitted() =>
        Given(PendingOrder).When(CompleteOrder()).ThenFails("order_not_submitted");

    [Fact]
    public void Rejects_a_paid_order_as_not_submitted() =>
        Given(PaidOrder).When(CompleteOrder()).ThenFails("order_not_submitted");

    [Fact]
    public void Completes_a_submitted_order() =>
        Given(SubmittedOrder).When(CompleteOrder()).Then(Completed);

    [Fact]
    public void Does_nothing_when_already_completed() =>
        Given(CompletedOrder).When(CompleteOrder()).ThenNothing();

    [Theory]
    [InlineData(OrderStatus.Pending)]
    [InlineData(OrderStatus.Paid)]
    [InlineData(OrderStatus.Submitted)]
    public void Rejects_a_canceled_order(OrderStatus canceledWhen) =>
        Given(CanceledOrder(canceledWhen)).When(CompleteOrder()).ThenFails("order_canceled");
}
