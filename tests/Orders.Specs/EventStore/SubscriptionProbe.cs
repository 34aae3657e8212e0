using System.Threading.Channels;
using Orders.EventStore;

namespace Orders.Specs.EventStore;

/// <summary>Runs a subscription in the background and lets a test take what it delivers, with a time limit.</summary>
internal sealed class SubscriptionProbe : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Channel<RecordedEvent> _delivered = Channel.CreateUnbounded<RecordedEvent>();
    private readonly CancellationTokenSource _stop = new();

    private SubscriptionProbe(IEventStore store, LogPosition? after, string streamPrefix) =>
        Ending = Task.Run(async () =>
        {
            await foreach (var recorded in store.SubscribeToAllAsync(after, streamPrefix, _stop.Token))
                await _delivered.Writer.WriteAsync(recorded);
        });

    /// <summary>The subscription's own task: it ends when the subscription does.</summary>
    public Task Ending { get; }

    public static SubscriptionProbe Start(IEventStore store, LogPosition? after, string streamPrefix) =>
        new(store, after, streamPrefix);

    public async Task<IReadOnlyList<RecordedEvent>> TakeAsync(int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var taken = new List<RecordedEvent>();
        while (taken.Count < count) taken.Add(await _delivered.Reader.ReadAsync(timeout.Token));
        return taken;
    }

    /// <summary>True when nothing more arrives within <paramref name="wait"/>.</summary>
    public async Task<bool> StaysQuietAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            await _delivered.Reader.WaitToReadAsync(timeout.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public async Task CancelAsync() => await _stop.CancelAsync();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Ending;
        }
        catch (OperationCanceledException)
        {
            // The expected way for a cancelled subscription to end.
        }

        _stop.Dispose();
    }
}
