using static Orders.Decider.Tests.Specification.Examples;

namespace Orders.Decider.Tests.Deciding;

/// <summary>Histories the original service could write but this decider would refuse: Evolve still reads them.</summary>
public class EvolveSpecs
{
    static OrderState.Placed Fold(params OrderEvent[] events) =>
        Assert.IsType<OrderState.Placed>(events.Aggregate(OrderDecider.Initial, OrderDecider.Evolve));

    [Fact]
    public void Events_before_the_order_exists_leave_no_order() =>
        Assert.IsType<OrderState.None>(new[] { Paid, Submitted, Canceled }.Aggregate(OrderDecider.Initial, OrderDecider.Evolve));

    [Fact]
    public void A_cart_update_after_payment_replaces_the_items_and_keeps_the_order_paid()
    {
        var order = Fold([.. PaidOrder, CartUpdated(OtherCart)]);
        Assert.Equal((OrderStatus.Paid, OtherCart, 100m), (order.Status, order.ShopItems, order.TotalPrice));
    }

    [Fact]
    public void Completing_without_submitting_completes_but_does_not_mark_submitted()
    {
        var order = Fold([.. PaidOrder, Completed]);
        Assert.Equal((OrderStatus.Completed, false, true, DeliveredAt), (order.Status, order.Submitted, order.Completed, order.DeliveredAt));
    }

    [Fact]
    public void Submitting_after_completion_marks_submitted_and_stays_completed()
    {
        var order = Fold([.. PaidOrder, Completed, Submitted]);
        Assert.Equal((OrderStatus.Completed, true), (order.Status, order.Submitted));
    }

    [Fact]
    public void A_repeated_cancel_keeps_the_order_canceled_with_the_last_reason()
    {
        var order = Fold([.. PendingOrder, Canceled, new OrderEvent.OrderCanceled(OtherReason)]);
        Assert.Equal((OrderStatus.Canceled, OtherReason), (order.Status, order.CancelReason));
    }

    [Fact]
    public void An_address_change_after_cancel_changes_the_address_and_stays_canceled()
    {
        var order = Fold([.. CanceledOrder(OrderStatus.Paid), AddressChanged(OtherAddress)]);
        Assert.Equal((OrderStatus.Canceled, OtherAddress, true), (order.Status, order.DeliveryAddress, order.Paid));
    }

    [Fact]
    public void A_cancel_after_completion_cancels() =>
        Assert.Equal(OrderStatus.Canceled, Fold([.. CompletedOrder, Canceled]).Status);

    [Fact]
    public void A_completion_after_cancel_is_recorded_but_the_order_stays_canceled()
    {
        var order = Fold([.. CanceledOrder(OrderStatus.Submitted), Completed]);
        Assert.Equal((OrderStatus.Canceled, true), (order.Status, order.Completed));
    }

    [Fact]
    public void A_payment_after_submission_records_the_payment_and_stays_submitted()
    {
        var order = Fold([.. PendingOrder, Submitted, Paid]);
        Assert.Equal((OrderStatus.Submitted, true, PaymentId), (order.Status, order.Paid, order.Payment?.PaymentId));
    }
}
