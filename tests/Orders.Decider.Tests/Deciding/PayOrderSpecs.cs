using static Orders.Decider.Tests.Specification.Examples;
using static Orders.Decider.Tests.Specification.OrderSpecification;

namespace Orders.Decider.Tests.Deciding;

public class PayOrderSpecs
{
    [Fact]
    public void Rejects_a_missing_order() =>
        Given(NoStream).When(PayOrder(PaymentId)).ThenFails("order_not_found");

    [Fact]
    public void Pays_a_pending_order() =>
        Given(PendingOrder).When(PayOrder(PaymentId)).Then(Paid);

    [Fact]
    public void Does_nothing_when_paid_with_the_same_payment() =>
        Given(PaidOrder).When(PayOrder(PaymentId)).ThenNothing();

    [Fact]
    public void Does_nothing_when_the_same_payment_comes_again_with_another_timestamp() =>
        Given(PaidOrder).When(new OrderCommand.PayOrder(OrderId, PaymentId, PaidAt.AddMinutes(5))).ThenNothing();

    [Fact]
    public void Rejects_another_payment_of_a_paid_order() =>
        Given(PaidOrder).When(PayOrder(OtherPaymentId)).ThenFails("order_already_paid");

    [Fact]
    public void Does_nothing_when_a_submitted_order_was_paid_with_the_same_payment() =>
        Given(SubmittedOrder).When(PayOrder(PaymentId)).ThenNothing();

    [Fact]
    public void Rejects_another_payment_of_a_submitted_order() =>
        Given(SubmittedOrder).When(PayOrder(OtherPaymentId)).ThenFails("order_already_paid");

    [Fact]
    public void Does_nothing_when_a_completed_order_was_paid_with_the_same_payment() =>
        Given(CompletedOrder).When(PayOrder(PaymentId)).ThenNothing();

    [Fact]
    public void Rejects_another_payment_of_a_completed_order() =>
        Given(CompletedOrder).When(PayOrder(OtherPaymentId)).ThenFails("order_already_paid");

    [Theory]
    [InlineData(OrderStatus.Pending, PaymentId)]
    [InlineData(OrderStatus.Paid, PaymentId)]
    [InlineData(OrderStatus.Paid, OtherPaymentId)]
    [InlineData(OrderStatus.Submitted, PaymentId)]
    public void Rejects_a_canceled_order_whatever_the_payment(OrderStatus canceledWhen, string paymentId) =>
        Given(CanceledOrder(canceledWhen)).When(PayOrder(paymentId)).ThenFails("order_canceled");
}
