using BenchmarkDotNet.Attributes;
using LanguageExt;
using Orders.Decider;
using static Orders.Bench.Micro.Samples;

namespace Orders.Bench.Micro;

/// <summary>Decide for each command type, in a state that accepts it (each emits one event).</summary>
[MemoryDiagnoser]
public class DecideBenchmarks
{
    readonly OrderState _none = OrderDecider.Initial;
    readonly OrderState _pending = StateAfter(Created);
    readonly OrderState _paid = StateAfter(Created, Paid);
    readonly OrderState _submitted = StateAfter(Created, Paid, Submitted);

    readonly OrderCommand _create = new OrderCommand.CreateOrder(OrderId, Cart, "buyer@example.com", "1 Main Street, Springfield");
    readonly OrderCommand _updateCart = new OrderCommand.UpdateShoppingCart(OrderId, OtherCart);
    readonly OrderCommand _pay = new OrderCommand.PayOrder(OrderId, "pay-7f3a", Now);
    readonly OrderCommand _submit = new OrderCommand.SubmitOrder(OrderId);
    readonly OrderCommand _changeAddress = new OrderCommand.ChangeDeliveryAddress(OrderId, "2 High Street, Shelbyville");
    readonly OrderCommand _cancel = new OrderCommand.CancelOrder(OrderId, "The customer changed their mind");
    readonly OrderCommand _complete = new OrderCommand.CompleteOrder(OrderId, Now.AddDays(2));

    [Benchmark]
    public Either<OrderError, Seq<OrderEvent>> CreateOrder() => OrderDecider.Decide(_create, _none);

    [Benchmark]
    public Either<OrderError, Seq<OrderEvent>> UpdateShoppingCart() => OrderDecider.Decide(_updateCart, _pending);

    [Benchmark]
    public Either<OrderError, Seq<OrderEvent>> PayOrder() => OrderDecider.Decide(_pay, _pending);

    [Benchmark]
    public Either<OrderError, Seq<OrderEvent>> SubmitOrder() => OrderDecider.Decide(_submit, _paid);

    [Benchmark]
    public Either<OrderError, Seq<OrderEvent>> ChangeDeliveryAddress() => OrderDecider.Decide(_changeAddress, _paid);

    [Benchmark]
    public Either<OrderError, Seq<OrderEvent>> CancelOrder() => OrderDecider.Decide(_cancel, _paid);

    [Benchmark]
    public Either<OrderError, Seq<OrderEvent>> CompleteOrder() => OrderDecider.Decide(_complete, _submitted);
}
