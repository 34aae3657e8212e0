using Orders.Decider;

namespace Orders.Host.Commands;

/// <summary>
/// Every command as a Wolverine message, so it can arrive over a queue as well as HTTP or gRPC. A message carries no
/// If-Match: a conflict is re-decided.
/// </summary>
public static class OrderCommandHandler
{
    public static Task<CommandOutcome> Handle(OrderCommand.CreateOrder command, OrderCommandRunner runner, CancellationToken ct) =>
        runner.RunAsync(command, null, ct);

    public static Task<CommandOutcome> Handle(OrderCommand.UpdateShoppingCart command, OrderCommandRunner runner, CancellationToken ct) =>
        runner.RunAsync(command, null, ct);

    public static Task<CommandOutcome> Handle(OrderCommand.PayOrder command, OrderCommandRunner runner, CancellationToken ct) =>
        runner.RunAsync(command, null, ct);

    public static Task<CommandOutcome> Handle(OrderCommand.SubmitOrder command, OrderCommandRunner runner, CancellationToken ct) =>
        runner.RunAsync(command, null, ct);

    public static Task<CommandOutcome> Handle(OrderCommand.ChangeDeliveryAddress command, OrderCommandRunner runner, CancellationToken ct) =>
        runner.RunAsync(command, null, ct);

    public static Task<CommandOutcome> Handle(OrderCommand.CancelOrder command, OrderCommandRunner runner, CancellationToken ct) =>
        runner.RunAsync(command, null, ct);

    public static Task<CommandOutcome> Handle(OrderCommand.CompleteOrder command, OrderCommandRunner runner, CancellationToken ct) =>
        runner.RunAsync(command, null, ct);
}
