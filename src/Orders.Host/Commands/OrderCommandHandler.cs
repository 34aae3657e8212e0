using Orders.Decider;

namespace Orders.Host.Commands;

/// <summary>
/// Every command is a Wolverine message too, so it can arrive over a queue as well as HTTP or gRPC; this one handler
/// takes the whole hierarchy. A message carries no If-Match: a conflict is re-decided.
/// </summary>
public static class OrderCommandHandler
{
    public static Task<CommandOutcome> Handle(OrderCommand command, OrderCommandRunner runner, CancellationToken ct) =>
        runner.RunAsync(command, null, ct);
}

/// <summary>
/// Wolverine builds a handler per concrete message type; this sends each concrete command (PayOrder, …) to the one
/// handler of <see cref="OrderCommand"/>, so a new command needs no handler of its own.
/// </summary>
public sealed class OrderCommandsShareOneHandler : Wolverine.IHandledTypeRule
{
    public bool TryFindHandledType(Type concreteType, out Type handlerType)
    {
        handlerType = typeof(OrderCommand);
        return concreteType.IsSubclassOf(typeof(OrderCommand));
    }
}
