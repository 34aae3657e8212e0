using static Orders.Decider.Tests.Specification.Examples;
using static Orders.Decider.Tests.Specification.OrderSpecification;

namespace Orders.Decider.Tests.Deciding;

public class UpdateShoppingCartSpecs
{
    [Fact]
    public void Rejects_a_missing_order() =>
        Given(NoStream).When(UpdateCart(OtherCart)).ThenFails("order_not_found");

    [Fact]
    public void Replaces_the_cart_of_a_pending_order() =>
        Given(PendingOrder).When(UpdateCart(OtherCart)).Then(CartUpdated(OtherCart));

    [Fact]
    public void Does_nothing_when_the_pending_cart_is_already_the_same() =>
        Given(PendingOrder).When(UpdateCart(Cart)).ThenNothing();

    [Fact]
    public void Does_nothing_when_the_cart_was_already_updated_to_the_same() =>
        Given([.. PendingOrder, CartUpdated(OtherCart)]).When(UpdateCart(OtherCart)).ThenNothing();

    [Fact]
    public void Compares_prices_by_value_not_by_their_written_scale() =>
        Given(PendingOrder).When(UpdateCart(Cart.Select(i => i with { Price = i.Price * 1.000m }).ToValueList())).ThenNothing();

    [Fact]
    public void Emits_again_when_the_cart_goes_back_to_an_earlier_one() =>
        Given([.. PendingOrder, CartUpdated(OtherCart)]).When(UpdateCart(Cart)).Then(CartUpdated(Cart));

    [Fact]
    public void Rejects_a_paid_order() =>
        Given(PaidOrder).When(UpdateCart(OtherCart)).ThenFails("order_already_paid");

    [Fact]
    public void Rejects_a_paid_order_even_with_the_same_cart() =>
        Given(PaidOrder).When(UpdateCart(Cart)).ThenFails("order_already_paid");

    [Fact]
    public void Rejects_a_submitted_order() =>
        Given(SubmittedOrder).When(UpdateCart(OtherCart)).ThenFails("order_already_paid");

    [Fact]
    public void Rejects_a_completed_order() =>
        Given(CompletedOrder).When(UpdateCart(OtherCart)).ThenFails("order_completed");

    [Theory]
    [InlineData(OrderStatus.Pending)]
    [InlineData(OrderStatus.Paid)]
    [InlineData(OrderStatus.Submitted)]
    public void Rejects_a_canceled_order(OrderStatus canceledWhen) =>
        Given(CanceledOrder(canceledWhen)).When(UpdateCart(OtherCart)).ThenFails("order_canceled");

    [Fact]
    public void Rejects_a_canceled_order_even_with_the_same_cart() =>
        Given(CanceledOrder(OrderStatus.Pending)).When(UpdateCart(Cart)).ThenFails("order_canceled");
}
