using static Orders.Decider.Tests.Specification.Examples;
using static Orders.Decider.Tests.Specification.OrderSpecification;

namespace Orders.Decider.Tests.Deciding;

public class CancelOrderSpecs
{
    [Fact]
    public void Rejects_a_missing_order() =>
        Given(NoStream).When(CancelOrder(Reason)).ThenFails("order_not_found");

    [Fact]
    public void Cancels_a_pending_order() =>
        Given(PendingOrder).When(CancelOrder(Reason)).Then(Canceled);

    [Fact]
    public void Cancels_a_paid_order() =>
        Given(PaidOrder).When(CancelOrder(Reason)).Then(Canceled);

    [Fact]
    public void Cancels_a_submitted_order() =>
        Given(SubmittedOrder).When(CancelOrder(Reason)).Then(Canceled);

    [Fact]
    public void Rejects_a_completed_order() =>
        Given(CompletedOrder).When(CancelOrder(Reason)).ThenFails("order_completed");

    [Theory]
    [InlineData(OrderStatus.Pending)]
    [InlineData(OrderStatus.Paid)]
    [InlineData(OrderStatus.Submitted)]
    public void Does_nothing_when_already_canceled(OrderStatus canceledWhen) =>
        Given(CanceledOrder(canceledWhen)).When(CancelOrder(Reason)).ThenNothing();

    /// <summary>The first reason stands; a second cancel is a repeat, not a correction.</summary>
    [Fact]
    public void Does_nothing_when_already_canceled_for_another_reason() =>
        Given(CanceledOrder(OrderStatus.Pending)).When(CancelOrder(OtherReason)).ThenNothing();
}
