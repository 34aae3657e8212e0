using static Orders.Decider.Tests.Specification.Examples;
using static Orders.Decider.Tests.Specification.OrderSpecification;

namespace Orders.Decider.Tests.Deciding;

public class SubmitOrderSpecs
{
    [Fact]
    public void Rejects_a_missing_order() =>
        Given(NoStream).When(SubmitOrder()).ThenFails("order_not_found");

    [Fact]
    public void Rejects_a_pending_order_as_not_paid() =>
        Given(PendingOrder).When(SubmitOrder()).ThenFails("order_not_paid");

    [Fact]
    public void Submits_a_paid_order() =>
        Given(PaidOrder).When(SubmitOrder()).Then(Submitted);

    [Fact]
    public void Does_nothing_when_already_submitted() =>
        Given(SubmittedOrder).When(SubmitOrder()).ThenNothing();

    [Fact]
    public void Does_nothing_when_already_completed() =>
        Given(CompletedOrder).When(SubmitOrder()).ThenNothing();

    [Theory]
    [InlineData(OrderStatus.Pending)]
    [InlineData(OrderStatus.Paid)]
    [InlineData(OrderStatus.Submitted)]
    public void Rejects_a_canceled_order(OrderStatus canceledWhen) =>
        Given(CanceledOrder(canceledWhen)).When(SubmitOrder()).ThenFails("order_canceled");
}
