using Microsoft.Extensions.DependencyInjection;
using Orders.Decider;
using Orders.Host.Commands;
using Wolverine;

namespace Orders.Specs.Http;

/// <summary>Commands are Wolverine messages too, handled by the same runner as HTTP.</summary>
[Collection(OrdersHostCollection.Name)]
public sealed class MessagingSpecs(OrdersHost service)
{
    [Fact]
    public async Task A_command_sent_as_a_message_is_decided_and_appended()
    {
        using var scope = service.Host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var id = Guid.CreateVersion7();
        var item = new ShopItem("sku-1", "Hat", "", 1, 10m);

        var created = await bus.InvokeAsync<CommandOutcome>(
            new OrderCommand.CreateOrder(id, [item], "bob@example.org", "9 Side Rd"));
        var rejected = await bus.InvokeAsync<CommandOutcome>(new OrderCommand.SubmitOrder(id));

        Assert.Equal(new CommandOutcome.Accepted(id, 0, 1), created);
        Assert.Equal(new CommandOutcome.Rejected(OrderError.NotPaid), rejected);
    }

    [Fact]
    public async Task Creating_an_order_whose_id_exists_is_rejected_and_appends_nothing()
    {
        using var scope = service.Host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var create = new OrderCommand.CreateOrder(Guid.CreateVersion7(), [new ShopItem("sku-1", "Hat", "", 1, 10m)], "bob@example.org", "9 Side Rd");
        await bus.InvokeAsync<CommandOutcome>(create);

        var again = await bus.InvokeAsync<CommandOutcome>(create);

        Assert.Equal(new CommandOutcome.Rejected(OrderError.AlreadyExists), again);
        Assert.Single(await service.EventStore.ReadStreamAsync(OrderStream.Name(create.OrderId)));
    }
}
