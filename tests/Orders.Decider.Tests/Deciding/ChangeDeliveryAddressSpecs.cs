using static Orders.Decider.Tests.Specification.Examples;
using static Orders.Decider.Tests.Specification.OrderSpecification;

namespace Orders.Decider.Tests.Deciding;

public class ChangeDeliveryAddressSpecs
{
    [Fact]
    public void Rejects_a_missing_order() =>
        Given(NoStream).When(ChangeAddress(OtherAddress)).ThenFails("order_not_found");

    [Fact]
    public void Changes_the_address_of_a_pending_order() =>
        Given(PendingOrder).When(ChangeAddress(OtherAddress)).Then(AddressChanged(OtherAddress));

    [Fact]
    public void Changes_the_address_of_a_paid_order() =>
        Given(PaidOrder).When(ChangeAddress(OtherAddress)).Then(AddressChanged(OtherAddress));

    [Fact]
    public void Changes_the_address_of_a_submitted_order() =>
        Given(SubmittedOrder).When(ChangeAddress(OtherAddress)).Then(AddressChanged(OtherAddress));

    [Fact]
    public void Does_nothing_for_the_same_address_of_a_pending_order() =>
        Given(PendingOrder).When(ChangeAddress(Address)).ThenNothing();

    [Fact]
    public void Does_nothing_for_the_same_address_of_a_paid_order() =>
        Given(PaidOrder).When(ChangeAddress(Address)).ThenNothing();

    [Fact]
    public void Does_nothing_for_the_same_address_of_a_submitted_order() =>
        Given(SubmittedOrder).When(ChangeAddress(Address)).ThenNothing();

    [Fact]
    public void Does_nothing_for_an_address_already_changed_to() =>
        Given([.. PaidOrder, AddressChanged(OtherAddress)]).When(ChangeAddress(OtherAddress)).ThenNothing();

    [Fact]
    public void Rejects_a_completed_order() =>
        Given(CompletedOrder).When(ChangeAddress(OtherAddress)).ThenFails("order_completed");

    [Fact]
    public void Rejects_a_completed_order_even_with_the_same_address() =>
        Given(CompletedOrder).When(ChangeAddress(Address)).ThenFails("order_completed");

    [Theory]
    [InlineData(OrderStatus.Pending)]
    [InlineData(OrderStatus.Paid)]
    [InlineData(OrderStatus.Submitted)]
    public void Rejects_a_canceled_order(OrderStatus canceledWhen) =>
        Given(CanceledOrder(canceledWhen)).When(ChangeAddress(OtherAddress)).ThenFails("order_canceled");

    [Fact]
    public void Rejects_a_canceled_order_even_with_the_same_address() =>
        Given(CanceledOrder(OrderStatus.Pending)).When(ChangeAddress(Address)).ThenFails("order_canceled");
}
