using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Orders.Specs.Messaging;

/// <summary>
/// The broker as a client of the service sees it, under names of its own (a command queue, its dead-letter queue, an
/// events exchange), so that runs never collide: sends commands, listens on a reply queue and on a queue bound to
/// every integration event, and deletes what it declared when disposed.
/// </summary>
public sealed class TestBroker(IConnection connection, IChannel channel, string prefix) : IAsyncDisposable
{
    static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    readonly List<string> _declared = [];

    public string CommandQueue { get; } = prefix + ".commands";
    public string DeadLetterQueue { get; } = prefix + ".commands.dead-letter";
    public string EventsExchange { get; } = prefix + ".events";
    public string ReplyQueue { get; } = prefix + ".replies";

    /// <summary>Every reply received, by correlation id (the command's message id).</summary>
    public ConcurrentQueue<Received> Replies { get; } = new();

    /// <summary>Every integration event received, in arrival order.</summary>
    public ConcurrentQueue<Received> Events { get; } = new();

    public sealed record Received(string? RoutingKey, IReadOnlyBasicProperties Properties, JsonElement Body)
    {
        public string? Header(string name) =>
            Properties.Headers is { } headers && headers.TryGetValue(name, out var value)
                ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), _ => value?.ToString() }
                : null;
    }

    /// <summary>The host's settings that point it at these names.</summary>
    public IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["Orders:Messaging:RabbitMq"] = RabbitMqServerFactAttribute.Uri!,
        ["Orders:Messaging:CommandQueue"] = CommandQueue,
        ["Orders:Messaging:EventsExchange"] = EventsExchange,
    };

    /// <summary>The same settings as environment variables, for a host started as a process.</summary>
    public IReadOnlyDictionary<string, string> HostEnvironment =>
        HostSettings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    public static async Task<TestBroker> StartAsync()
    {
        var connection = await new ConnectionFactory { Uri = new Uri(RabbitMqServerFactAttribute.Uri!) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        var broker = new TestBroker(connection, channel, "specs." + Guid.NewGuid().ToString("N")[..12]);
        await broker.DeclareAsync();
        return broker;
    }

    /// <summary>
    /// Declares what a deployment would have before the host starts: the command queue (so that commands can wait
    /// in it), the events exchange with a queue bound to every event, and the reply queue.
    /// </summary>
    async Task DeclareAsync()
    {
        foreach (var queue in new[] { CommandQueue, DeadLetterQueue, ReplyQueue, EventsExchange + ".all" })
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            _declared.Add(queue);
        }
        await channel.ExchangeDeclareAsync(EventsExchange, ExchangeType.Topic, durable: true, autoDelete: false);
        await channel.QueueBindAsync(EventsExchange + ".all", EventsExchange, "#");
        await ConsumeAsync(ReplyQueue, Replies);
        await ConsumeAsync(EventsExchange + ".all", Events);
    }

    async Task ConsumeAsync(string queue, ConcurrentQueue<Received> into)
    {
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, args) =>
        {
            using var document = JsonDocument.Parse(args.Body);
            into.Enqueue(new Received(args.RoutingKey, CopyOf(args.BasicProperties), document.RootElement.Clone()));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
    }

    /// <summary>Sends a command envelope; the reply comes to <see cref="ReplyQueue"/> unless <paramref name="reply"/> is false.</summary>
    public Task SendAsync(object envelope, bool reply = true, string? amqpMessageId = null, string? traceparent = null) =>
        SendRawAsync(JsonSerializer.SerializeToUtf8Bytes(envelope, Web), reply, amqpMessageId, traceparent);

    public async Task SendRawAsync(byte[] body, bool reply = true, string? amqpMessageId = null, string? traceparent = null)
    {
        var properties = new BasicProperties
        {
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = amqpMessageId,
            ReplyTo = reply ? ReplyQueue : null,
            Headers = traceparent is null ? null : new Dictionary<string, object?> { ["traceparent"] = traceparent },
        };
        await channel.BasicPublishAsync("", CommandQueue, mandatory: true, properties, body);
    }

    /// <summary>Takes every message waiting in the dead-letter queue.</summary>
    public async Task<IReadOnlyList<Received>> DrainDeadLettersAsync()
    {
        var taken = new List<Received>();
        while (await channel.BasicGetAsync(DeadLetterQueue, autoAck: true) is { } message)
            taken.Add(new Received(message.RoutingKey, CopyOf(message.BasicProperties), ParseOrString(message.Body)));
        return taken;
    }

    public async Task<uint> CommandsWaitingAsync() => await channel.MessageCountAsync(CommandQueue);

    /// <summary>Waits until <paramref name="done"/> holds, polling; fails the spec after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}.");
            await Task.Delay(50);
        }
    }

    public Received ReplyTo(string messageId) => Replies.Last(r => r.Properties.CorrelationId == messageId);

    public async Task<Received> AwaitReplyAsync(string messageId)
    {
        await EventuallyAsync(() => Replies.Any(r => r.Properties.CorrelationId == messageId), TimeSpan.FromSeconds(30), "the reply to " + messageId);
        return ReplyTo(messageId);
    }

    static BasicProperties CopyOf(IReadOnlyBasicProperties properties) => new(properties);

    static JsonElement ParseOrString(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(Encoding.UTF8.GetString(body.Span));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in _declared)
            await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
        await channel.ExchangeDeleteAsync(EventsExchange);
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
