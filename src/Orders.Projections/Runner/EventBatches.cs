using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Orders.EventStore;

namespace Orders.Projections.Runner;

/// <summary>
/// Groups a subscription into batches: everything already read, up to a size, and for a batch that is not full a
/// short wait for more. A pump reads ahead into a bounded channel, transforming (decoding) each event as it goes,
/// so reading and decoding the log overlap with writing the read models.
/// </summary>
static class EventBatches
{
    public static async IAsyncEnumerable<IReadOnlyList<T>> Read<T>(
        IAsyncEnumerable<RecordedEvent> source, Func<RecordedEvent, T> transform, int maxSize, TimeSpan window,
        TimeProvider time, [EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateBounded<T>(
            new BoundedChannelOptions(maxSize) { SingleReader = true, SingleWriter = true });
        using var stopPump = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pump = Task.Run(() => Pump(source, transform, channel.Writer, stopPump.Token), CancellationToken.None);
        try
        {
            while (await channel.Reader.WaitToReadAsync(ct))
            {
                var batch = new List<T>();
                var started = time.GetTimestamp();
                while (batch.Count < maxSize)
                {
                    if (channel.Reader.TryRead(out var recorded))
                    {
                        batch.Add(recorded);
                        continue;
                    }
                    var remaining = window - time.GetElapsedTime(started);
                    if (remaining <= TimeSpan.Zero || !await MoreWithin(channel.Reader, remaining, time, ct))
                        break;
                }
                yield return batch;
            }
        }
        finally
        {
            await stopPump.CancelAsync();
            await pump;
        }
    }

    static async Task<bool> MoreWithin<T>(ChannelReader<T> reader, TimeSpan wait, TimeProvider time, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(wait, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            return await reader.WaitToReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Never throws: the subscription's failure completes the channel, and the reader rethrows it.</summary>
    static async Task Pump<T>(
        IAsyncEnumerable<RecordedEvent> source, Func<RecordedEvent, T> transform, ChannelWriter<T> writer, CancellationToken ct)
    {
        try
        {
            await foreach (var recorded in source.WithCancellation(ct))
                await writer.WriteAsync(transform(recorded), ct);
            writer.TryComplete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }
}
