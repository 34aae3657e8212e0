namespace Orders.Projections.Runner;

/// <summary>Readers waiting for an order's document to reach a version, woken by the commits that reach it.</summary>
sealed class VersionWaiters
{
    readonly Lock _gate = new();
    readonly Dictionary<Guid, List<Waiter>> _waiting = [];

    public Waiter Add(Guid orderId, long version)
    {
        var waiter = new Waiter(orderId, version);
        lock (_gate)
        {
            if (!_waiting.TryGetValue(orderId, out var list))
                _waiting[orderId] = list = [];
            list.Add(waiter);
        }
        return waiter;
    }

    public void Remove(Waiter waiter)
    {
        lock (_gate)
        {
            if (_waiting.TryGetValue(waiter.OrderId, out var list) && list.Remove(waiter) && list.Count == 0)
                _waiting.Remove(waiter.OrderId);
        }
    }

    public void Reached(Guid orderId, long version)
    {
        lock (_gate)
        {
            if (!_waiting.TryGetValue(orderId, out var list))
                return;
            foreach (var waiter in list)
                if (version >= waiter.Version)
                    waiter.Reached.TrySetResult();
        }
    }

    public sealed class Waiter(Guid orderId, long version)
    {
        public Guid OrderId { get; } = orderId;
        public long Version { get; } = version;
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
