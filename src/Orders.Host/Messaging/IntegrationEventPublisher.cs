using System.Diagnostics;
using System.Threading.Channels;
using Orders.Decider;
using Orders.EventStore;
using Orders.Host.Telemetry;
using Orders.Projections;
using RabbitMQ.Client;

namespace Orders.Host.Messaging;

/// <summary>
/// Publishes every event appended to an order stream to the events exchange, following the log from its own
/// checkpoint: an event appended just before a crash is published after the restart, so nothing is lost between
/// append and publish. The checkpoint moves only after the broker has confirmed every event up to it, so an event
/// may be published twice (at least once; consumers deduplicate by message id, the event id). Within a batch, the
/// events of one order go out one wave after another, each wave confirmed before the next, so each order's events
/// reach a queue in stream order while different orders' events are confirmed side by side.
/// </summary>
public sealed class IntegrationEventPublisher(
    IEventStore store, MessagingOptions options, MessagingTelemetry telemetry, TimeProvider time,
    ILogger<IntegrationEventPublisher> logger) : BackgroundService
{
    public const string Direction = "events";
    const int BatchSize = 512;

    readonly ICheckpointStore _checkpoint = PublisherCheckpoint.Open(options.CheckpointPath, options.EventsExchange);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Broker.KeepRunningAsync(PublishFromCheckpointAsync, (ex, delay) =>
        {
            telemetry.Connection(Direction, ex.Message);
            logger.LogError(ex, "Publishing to {Broker} failed; starting over from the checkpoint in {Delay}", options.BrokerForDisplay, delay);
        }, time, stoppingToken);

    async Task PublishFromCheckpointAsync(CancellationToken stoppingToken)
    {
        await using var connection = await Broker.ConnectAsync(options, "events", stoppingToken);
        await using var channel = await Broker.ConfirmingChannelAsync(connection, stoppingToken);
        await channel.ExchangeDeclareAsync(options.EventsExchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: stoppingToken);
        using var connected = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Broker.CancelOnClose(connection, connected);
        telemetry.Connection(Direction, null);
        logger.LogInformation("Publishing order events to exchange {Exchange} on {Broker}", options.EventsExchange, options.BrokerForDisplay);

        var from = await _checkpoint.ReadCheckpointAsync(connected.Token);
        var ct = connected.Token;
        var read = Channel.CreateBounded<RecordedEvent>(new BoundedChannelOptions(BatchSize * 2) { SingleReader = true, SingleWriter = true });
        var pump = Task.Run(() => PumpAsync(from, read.Writer, ct), CancellationToken.None);
        try
        {
            while (await read.Reader.WaitToReadAsync(ct))
            {
                var batch = new List<RecordedEvent>(BatchSize);
                while (batch.Count < BatchSize && read.Reader.TryRead(out var recorded))
                    batch.Add(recorded);
                await PublishAsync(channel, batch, ct);
                await _checkpoint.SaveAsync(CheckpointChange.MoveTo(batch[^1].Position), CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            throw new InvalidOperationException("The broker closed the connection: " + connection.CloseReason?.ReplyText);
        }
        finally
        {
            // The subscription ends with this connection; the next one starts again from the checkpoint.
            await connected.CancelAsync();
            await pump;
        }
    }

    async Task PumpAsync(LogPosition? from, ChannelWriter<RecordedEvent> writer, CancellationToken ct)
    {
        try
        {
            await foreach (var recorded in store.SubscribeToAllAsync(from, OrderStream.Prefix, ct))
                await writer.WriteAsync(recorded, ct);
            writer.TryComplete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }

    async Task PublishAsync(IChannel channel, IReadOnlyList<RecordedEvent> batch, CancellationToken ct)
    {
        var pending = batch;
        while (pending.Count > 0)
        {
            var streams = new HashSet<string>();
            var wave = new List<RecordedEvent>();
            var later = new List<RecordedEvent>();
            foreach (var recorded in pending)
                (streams.Add(recorded.StreamId) ? wave : later).Add(recorded);
            await Task.WhenAll(wave.Select(e => PublishAsync(channel, e, ct)));
            pending = later;
        }
    }

    async Task PublishAsync(IChannel channel, RecordedEvent recorded, CancellationToken ct)
    {
        var message = IntegrationEvent.From(recorded);
        if (message is null)
            return;
        var (traceparent, tracestate, _) = StoredMetadata.Read(recorded.Metadata.Span);
        using var activity = MessagingTelemetry.Source.StartActivity(
            $"publish {recorded.Type}", ActivityKind.Producer, Broker.ParentFrom(traceparent, tracestate));
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.destination.name", options.EventsExchange);
        activity?.SetTag("messaging.message.id", message.EventId.ToString());
        activity?.SetTag("orders.stream", recorded.StreamId);
        activity?.SetTag("orders.version", recorded.StreamVersion);

        var headers = new Dictionary<string, object?>
        {
            ["order-id"] = message.OrderId.ToString(),
            ["stream-version"] = recorded.StreamVersion,
        };
        if (activity is not null)
            Broker.WriteTraceContext(headers, activity);
        else if (traceparent is not null)
        {
            headers["traceparent"] = traceparent;
            if (tracestate is not null)
                headers["tracestate"] = tracestate;
        }
        var properties = new BasicProperties
        {
            MessageId = message.EventId.ToString(),
            Type = recorded.Type,
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            AppId = "orders",
            Timestamp = new AmqpTimestamp(recorded.Created.ToUnixTimeSeconds()),
            Headers = headers,
        };
        await channel.BasicPublishAsync(options.EventsExchange, recorded.Type, mandatory: false, properties, message.ToUtf8Json(), ct);
        telemetry.Published(recorded.Type, time.GetUtcNow() - recorded.Created);
    }
}
