using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using LanguageExt;
using Orders.Decider;
using Orders.EventStore;
using Orders.Host.Commands;
using Orders.Host.Telemetry;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Orders.Host.Messaging;

/// <summary>
/// Takes commands from the durable command queue and runs them through the same runner as HTTP and gRPC.
/// <list type="bullet">
/// <item>Redelivery appends nothing twice: events record the message id that caused them (<c>causationId</c> in
/// their metadata, written in the same append), and a message whose id the order's stream already holds is answered
/// from there. Because the record is the append itself, a crash between append and acknowledgement cannot make a
/// redelivered message append again. A message that appended nothing is simply decided again, which the decider's
/// idempotent repeats make harmless.</item>
/// <item>Poison (not JSON, no such type, fields that fail validation) is copied to the dead-letter queue with the
/// reason in the <c>x-dead-letter-reason</c> header, then acknowledged, so it never blocks the messages behind it.</item>
/// <item>Messages of one order are handled one at a time and in queue order (a lane per hash of the order id);
/// different orders run side by side.</item>
/// <item>A failure that is not the message's fault (the event store unreachable) returns the message to the queue.</item>
/// </list>
/// </summary>
public sealed class CommandListener(
    IEventStore store, OrderCommandRunner runner, MessagingOptions options, MessagingTelemetry telemetry,
    TimeProvider time, ILogger<CommandListener> logger) : BackgroundService
{
    public const string Direction = "commands";
    public const string ReasonHeader = "x-dead-letter-reason";
    public const string KindHeader = "x-dead-letter-kind";
    static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Broker.KeepRunningAsync(ListenAsync, (ex, delay) =>
        {
            telemetry.Connection(Direction, ex.Message);
            logger.LogError(ex, "Listening on {Queue} at {Broker} failed; listening again in {Delay}", options.CommandQueue, options.BrokerForDisplay, delay);
        }, time, stoppingToken);

    async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = await Broker.ConnectAsync(options, "commands", stoppingToken);
        await using var consuming = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
        await using var publishing = await Broker.ConfirmingChannelAsync(connection, stoppingToken);
        await consuming.QueueDeclareAsync(options.CommandQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: stoppingToken);
        await consuming.QueueDeclareAsync(options.DeadLetterQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: stoppingToken);
        await consuming.BasicQosAsync(0, (ushort)Math.Min(ushort.MaxValue, options.Consumers * 16), global: false, stoppingToken);
        using var connected = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Broker.CancelOnClose(connection, connected);
        var ct = connected.Token;

        using var session = new Session(consuming, publishing);
        var lanes = Enumerable.Range(0, options.Consumers)
            .Select(_ => Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true }))
            .ToArray();
        var workers = lanes.Select(lane => Task.Run(() => WorkAsync(lane.Reader, session, ct), CancellationToken.None)).ToArray();
        var consumer = new AsyncEventingBasicConsumer(consuming);
        consumer.ReceivedAsync += (_, args) =>
        {
            var delivery = Delivery.From(args, time);
            lanes[delivery.Lane(lanes.Length)].Writer.TryWrite(delivery);
            return Task.CompletedTask;
        };
        await consuming.BasicConsumeAsync(options.CommandQueue, autoAck: false, consumer, ct);
        telemetry.Connection(Direction, null);
        logger.LogInformation("Taking commands from queue {Queue} on {Broker}", options.CommandQueue, options.BrokerForDisplay);
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            throw new InvalidOperationException("The broker closed the connection: " + connection.CloseReason?.ReplyText);
        }
        finally
        {
            // Messages not yet acknowledged return to the queue when the channel closes.
            await connected.CancelAsync();
            foreach (var lane in lanes)
                lane.Writer.TryComplete();
            await Task.WhenAll(workers);
        }
    }

    async Task WorkAsync(ChannelReader<Delivery> lane, Session session, CancellationToken ct)
    {
        try
        {
            await foreach (var delivery in lane.ReadAllAsync(ct))
                await HandleAsync(delivery, session, ct);
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // Stopping, or the connection is gone: unacknowledged messages return to the queue by themselves.
        }
    }

    async Task HandleAsync(Delivery delivery, Session session, CancellationToken ct)
    {
        var message = delivery.Message.Case as CommandMessage;
        var type = message?.Type ?? "poison";
        using var activity = MessagingTelemetry.Source.StartActivity(
            $"receive {type}", ActivityKind.Consumer,
            Broker.ParentFrom(Broker.Header(delivery.Headers, "traceparent"), Broker.Header(delivery.Headers, "tracestate")));
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.destination.name", options.CommandQueue);
        activity?.SetTag("messaging.message.id", message?.MessageId ?? delivery.MessageId);
        telemetry.Received(type);
        try
        {
            var reply = delivery.Message.Case switch
            {
                CommandMessage command => await RunAsync(command, ct),
                PoisonMessage poison => await DeadLetterAsync(delivery, poison, session, ct),
                _ => throw new InvalidOperationException("A delivery holds a command or poison."),
            };
            activity?.SetTag("orders.outcome", reply.Status);
            if (delivery.ReplyTo is { Length: > 0 } replyTo)
                await ReplyAsync(replyTo, reply, session, ct);
            await session.AckAsync(delivery.Tag, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            telemetry.Failed(type);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            logger.LogWarning(ex, "Handling message {MessageId} failed; it returns to the queue", message?.MessageId ?? delivery.MessageId);
            await Task.Delay(RetryDelay, time, ct);
            await session.RequeueAsync(delivery.Tag, ct);
        }
    }

    async Task<CommandReply> RunAsync(CommandMessage message, CancellationToken ct)
    {
        using var cause = EventMetadata.CausedBy(message.MessageId);
        var earlier = await EventsCausedByAsync(message, ct);
        if (earlier.Count > 0)
        {
            var outcome = new CommandOutcome.Accepted(message.Command.OrderId, earlier[^1].StreamVersion, earlier.Count);
            return CommandReply.Of(message, outcome, duplicate: true);
        }
        return CommandReply.Of(message, await runner.RunAsync(message.Command, message.ExpectedVersion, ct), duplicate: false);
    }

    async Task<IReadOnlyList<RecordedEvent>> EventsCausedByAsync(CommandMessage message, CancellationToken ct)
    {
        var stream = await store.ReadStreamAsync(OrderStream.Name(message.Command.OrderId), ct);
        var id = Encoding.UTF8.GetBytes(message.MessageId);
        return stream
            .Where(e => e.Metadata.Span.IndexOf(id) >= 0 && StoredMetadata.Read(e.Metadata.Span).CausationId == message.MessageId)
            .ToList();
    }

    async Task<CommandReply> DeadLetterAsync(Delivery delivery, PoisonMessage poison, Session session, CancellationToken ct)
    {
        var headers = new Dictionary<string, object?>(delivery.Headers ?? new Dictionary<string, object?>())
        {
            [ReasonHeader] = poison.Reason,
            [KindHeader] = poison.Kind,
            ["x-original-queue"] = options.CommandQueue,
        };
        var properties = new BasicProperties
        {
            MessageId = poison.MessageId ?? delivery.MessageId,
            CorrelationId = delivery.CorrelationId,
            ReplyTo = delivery.ReplyTo,
            Type = delivery.Type,
            ContentType = delivery.ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = headers,
        };
        await session.PublishAsync("", options.DeadLetterQueue, mandatory: true, properties, delivery.Body, ct);
        telemetry.DeadLettered(poison.Kind);
        logger.LogWarning("Message {MessageId} moved to {DeadLetterQueue}: {Reason}", properties.MessageId, options.DeadLetterQueue, poison.Reason);
        return CommandReply.Of(poison);
    }

    static Task ReplyAsync(string replyTo, CommandReply reply, Session session, CancellationToken ct)
    {
        var properties = new BasicProperties
        {
            CorrelationId = reply.MessageId,
            Type = "CommandReply",
            ContentType = "application/json",
            // A reply answers a sender that is waiting for it; kept in memory, the broker confirms it without a disk
            // write, which would otherwise sit in every command's path.
            DeliveryMode = DeliveryModes.Transient,
        };
        return session.PublishAsync("", replyTo, mandatory: false, properties, reply.ToUtf8Json(), ct);
    }

    /// <summary>The two channels of one connection: acknowledgements on the consuming one, in turn.</summary>
    sealed class Session(IChannel consuming, IChannel publishing) : IDisposable
    {
        readonly SemaphoreSlim _acks = new(1, 1);

        public Task AckAsync(ulong tag, CancellationToken ct) => InTurnAsync(() => consuming.BasicAckAsync(tag, multiple: false, ct), ct);

        public Task RequeueAsync(ulong tag, CancellationToken ct) =>
            InTurnAsync(() => consuming.BasicNackAsync(tag, multiple: false, requeue: true, ct), ct);

        public async Task PublishAsync(string exchange, string routingKey, bool mandatory, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken ct) =>
            await publishing.BasicPublishAsync(exchange, routingKey, mandatory, properties, body, ct);

        public void Dispose() => _acks.Dispose();

        async Task InTurnAsync(Func<ValueTask> work, CancellationToken ct)
        {
            await _acks.WaitAsync(ct);
            try
            {
                await work();
            }
            finally
            {
                _acks.Release();
            }
        }
    }

    /// <summary>A delivery copied out of the client's buffers (they are reused once the callback returns), parsed.</summary>
    sealed record Delivery(
        ulong Tag,
        string? MessageId,
        string? ReplyTo,
        string? CorrelationId,
        string? Type,
        string? ContentType,
        IDictionary<string, object?>? Headers,
        byte[] Body,
        Either<PoisonMessage, CommandMessage> Message)
    {
        public static Delivery From(BasicDeliverEventArgs args, TimeProvider time)
        {
            var properties = args.BasicProperties;
            var body = args.Body.ToArray();
            return new Delivery(
                args.DeliveryTag,
                properties.MessageId,
                properties.ReplyTo,
                properties.CorrelationId,
                properties.Type,
                properties.ContentType,
                properties.Headers is null ? null : new Dictionary<string, object?>(properties.Headers),
                body,
                CommandEnvelope.Parse(body, properties.MessageId, time));
        }

        /// <summary>Messages of one order share a lane, so they are handled in turn; poison goes anywhere.</summary>
        public int Lane(int lanes) =>
            (int)((Message.Case is CommandMessage command ? (uint)command.Command.OrderId.GetHashCode() : (uint)Tag) % (uint)lanes);
    }
}
