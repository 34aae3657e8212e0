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
}
