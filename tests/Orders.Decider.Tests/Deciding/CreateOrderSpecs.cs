using static Orders.Decider.Tests.Specification.Examples;
using static Orders.Decider.Tests.Specification.OrderSpecification;

namespace Orders.Decider.Tests.Deciding;

public class CreateOrderSpecs
{
    [Fact]
    public void Creates_an_order_where_there_is_no_stream() =>
        Given(NoStream).When(CreateOrder()).Then(Created);

    [Fact]
    public void Rejects_a_pending_order_as_existing() =>
        Given(PendingOrder).When(CreateOrder()).ThenFails("order_already_exists");

    [Fact]
    public void Rejects_a_paid_order_as_existing() =>
        Given(PaidOrder).When(CreateOrder()).ThenFails("order_already_exists");

    [Fact]
    public void Rejects_a_submitted_order_as_existing() =>
        Given(SubmittedOrder).When(CreateOrder()).ThenFails("order_already_exists");

    [Fact]
    public void Rejects_a_completed_order_as_existing() =>
        Given(CompletedOrder).When(CreateOrder()).ThenFails("order_already_exists");

    /// <summary>The canceled check comes before the row of the command, so an existing canceled order says so.</summary>
    [Theory]
    [InlineData(OrderStatus.Pending)]
    [InlineData(OrderStatus.Paid)]
    [InlineData(OrderStatus.Submitted)]
    public void Rejects_a_canceled_order_as_canceled(OrderStatus canceledWhen) =>
        Given(CanceledOrder(canceledWhen)).When(CreateOrder()).ThenFails("order_canceled");
}
