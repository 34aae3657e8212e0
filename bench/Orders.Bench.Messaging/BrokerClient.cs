using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Orders.Bench.Messaging;

/// <summary>
/// Another service on the broker, under names of its own: sends command envelopes, and timestamps every reply and
/// every integration event as it arrives.
/// </summary>
sealed class BrokerClient(IConnection connection, IChannel channel, string prefix) : IAsyncDisposable
{
    static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public string CommandQueue { get; } = prefix + ".commands";
    public string EventsExchange { get; } = prefix + ".events";
    string ReplyQueue { get; } = prefix + ".replies";
    string EventQueue { get; } = prefix + ".all-events";

    /// <summary>Arrival time (Stopwatch ticks) of each reply, by message id.</summary>
    public ConcurrentDictionary<string, long> Replies { get; } = new();

    /// <summary>Per event: wall-clock time from its append (occurredAt) to its arrival here.</summary>
    public ConcurrentQueue<TimeSpan> EventLags { get; } = new();

    public IReadOnlyDictionary<string, string> HostEnvironment(string uri) => new Dictionary<string, string>
    {
        ["Orders__Messaging__RabbitMq"] = uri,
        ["Orders__Messaging__CommandQueue"] = CommandQueue,
        ["Orders__Messaging__EventsExchange"] = EventsExchange,
    };

    public static async Task<BrokerClient> StartAsync(string uri)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(uri), ClientProvidedName = "orders bench" }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var client = new BrokerClient(connection, channel, "bench." + Guid.NewGuid().ToString("N")[..12]);
        foreach (var queue in new[] { client.CommandQueue, client.ReplyQueue, client.EventQueue })
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.ExchangeDeclareAsync(client.EventsExchange, ExchangeType.Topic, durable: true, autoDelete: false);
        await channel.QueueBindAsync(client.EventQueue, client.EventsExchange, "#");

        var replies = new AsyncEventingBasicConsumer(channel);
        replies.ReceivedAsync += (_, args) =>
        {
            client.Replies.TryAdd(args.BasicProperties.CorrelationId!, Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(client.ReplyQueue, autoAck: true, replies);
        var events = new AsyncEventingBasicConsumer(channel);
        events.ReceivedAsync += (_, args) =>
        {
            var now = DateTimeOffset.UtcNow;
            using var body = JsonDocument.Parse(args.Body);
            client.EventLags.Enqueue(now - body.RootElement.GetProperty("occurredAt").GetDateTimeOffset());
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(client.EventQueue, autoAck: true, events);
        return client;
    }

    /// <summary>Sends without waiting for the broker's confirm, so that an open-loop sender keeps its schedule.</summary>
    public ValueTask SendAsync(object envelope) =>
        channel.BasicPublishAsync("", CommandQueue, mandatory: false,
            new BasicProperties { ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent, ReplyTo = ReplyQueue },
            JsonSerializer.SerializeToUtf8Bytes(envelope, Web));

    public async Task<uint> WaitingAsync() => await channel.MessageCountAsync(CommandQueue);

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in new[] { CommandQueue, CommandQueue + ".dead-letter", ReplyQueue, EventQueue })
            await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
        await channel.ExchangeDeleteAsync(EventsExchange);
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
