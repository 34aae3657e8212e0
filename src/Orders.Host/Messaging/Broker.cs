using Orders.EventStore.Resilience;
using System.Diagnostics;
using System.Text;
using RabbitMQ.Client;

namespace Orders.Host.Messaging;

/// <summary>Connections to RabbitMQ and the AMQP details both directions share.</summary>
static class Broker
{
    /// <summary>
    /// A connection without the client's automatic recovery: each direction starts over by itself after a failure
    /// (the publisher from its checkpoint, the listener with a new consumer), which keeps one path for every failure.
    /// </summary>
    public static Task<IConnection> ConnectAsync(MessagingOptions options, string purpose, CancellationToken ct) =>
        new ConnectionFactory
        {
            Uri = options.Broker,
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedHeartbeat = TimeSpan.FromSeconds(15),
            ClientProvidedName = "orders " + purpose,
        }.CreateConnectionAsync(ct);

    /// <summary>A channel whose publishes complete only once the broker has confirmed them (and throw if it refused).</summary>
    public static Task<IChannel> ConfirmingChannelAsync(IConnection connection, CancellationToken ct) =>
        connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);

    /// <summary>A header's text: the client hands AMQP strings over as bytes.</summary>
    public static string? Header(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value)
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                string text => text,
                _ => null,
            }
            : null;

    /// <summary>Writes the W3C trace context of <paramref name="activity"/> into AMQP headers.</summary>
    public static void WriteTraceContext(IDictionary<string, object?> headers, Activity? activity)
    {
        if (activity is null)
            return;
        headers["traceparent"] = activity.Id;
        if (!string.IsNullOrEmpty(activity.TraceStateString))
            headers["tracestate"] = activity.TraceStateString;
    }

    public static ActivityContext ParentFrom(string? traceparent, string? tracestate) =>
        traceparent is not null && ActivityContext.TryParse(traceparent, tracestate, isRemote: true, out var parent) ? parent : default;

    /// <summary>Cancels <paramref name="whenClosed"/> when the connection closes, for whatever reason.</summary>
    public static void CancelOnClose(IConnection connection, CancellationTokenSource whenClosed)
    {
        connection.ConnectionShutdownAsync += async (_, _) =>
        {
            try
            {
                await whenClosed.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // Closed after the work it guarded had already ended.
            }
        };
        if (!connection.IsOpen)
            whenClosed.Cancel();
    }

    /// <summary>
    /// Runs <paramref name="work"/> until the host stops; when it fails (the broker went away, say), tells
    /// <paramref name="failed"/> and runs it again after a pause that grows from about 0.5 s up to 10 s.
    /// </summary>
    public static async Task KeepRunningAsync(
        Func<CancellationToken, Task> work, Action<Exception, TimeSpan> failed, TimeProvider time, CancellationToken stoppingToken)
    {
        var retries = Backoff.Forever(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), time, failed);
        try
        {
            await retries.ExecuteAsync(async ct => await work(ct), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
