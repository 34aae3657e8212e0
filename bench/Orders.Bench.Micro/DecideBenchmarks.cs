using BenchmarkDotNet.Attributes;
using LanguageExt;
using Orders.Decider;
using static Orders.Bench.Micro.Samples;

namespace Orders.Bench.Micro;

/// <summary>Decide for each command type, in a state that accepts it (each emits one event).</summary>
[MemoryDiagnoser]
public class DecideBenchmarks
{
    readonly OrderState none = OrderDecider.Initial;
    readonly OrderState pending = StateAfter(Created);
    readonly OrderState paid = StateAfter(Created, Paid);
    readonly OrderState submitted = StateAfter(Created, Paid, Submitted);

    readonly OrderCommand create = new OrderCommand.CreateOrder(OrderId, Cart, "buyer@example.com", "1 Main Street, Springfield");
    readonly OrderCommand updateCart = new OrderCommand.UpdateShoppingCart(OrderId, OtherCart);
    readonly OrderCommand pay = new OrderCommand.PayOrder(OrderId, "pay-7f3a", Now);
    readonly OrderCommand submit = new OrderCommand.SubmitOrder(OrderId);
    readonly OrderCommand changeAddress = new OrderCommand.ChangeDeliveryAddress(OrderId, "2 High Street, Shelbyville");
    readonly OrderCommand cancel = new OrderCommand.CancelOrder(OrderId, "The customer changed their mind");
    readonly OrderCommand complete = new OrderCommand.CompleteOrder(OrderId, Now.AddDays(2));

    [Benchmark]
    public Either<OrderError, Seq<OrderEvent>> CreateOrder() => OrderDecider.Decide(create, none);

    [Benchmark]
    public Either<OrderError, Seq<OrderEvent>> UpdateShoppingCart() => OrderDecider.Decide(updateCart, pending);

    [Benchmark]
    public Either<OrderError, Seq<OrderEvent>> PayOrder() => OrderDecider.Decide(pay, pending);

    [Benchmark]
    public Either<OrderError, Seq<OrderEvent>> SubmitOrder() => OrderDecider.Decide(submit, paid);

    [Benchmark]
    public Either<OrderError, Seq<OrderEvent>> ChangeDeliveryAddress() => OrderDecider.Decide(changeAddress, paid);

    [Benchmark]
    public Either<OrderError, Seq<OrderEvent>> CancelOrder() => OrderDecider.Decide(cancel, paid);

    [Benchmark]
    public Either<OrderError, Seq<OrderEvent>> CompleteOrder() => OrderDecider.Decide(complete, submitted);
}
