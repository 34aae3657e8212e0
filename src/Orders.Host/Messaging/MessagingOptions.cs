using Orders.Host.Configuration;

namespace Orders.Host.Messaging;

/// <summary>
/// The <c>Orders:Messaging</c> section. Messaging is off unless <c>Orders:Messaging:RabbitMq</c> names a broker:
/// then commands are taken from <see cref="CommandQueue"/> and every order event is published to
/// <see cref="EventsExchange"/>.
/// </summary>
public sealed record MessagingOptions(
    Uri Broker,
    string CommandQueue,
    string DeadLetterQueue,
    string EventsExchange,
    int Consumers,
    string CheckpointPath)
{
    public const string Section = "Orders:Messaging";

    /// <summary>The options when the broker is configured; null when messaging is off.</summary>
    public static MessagingOptions? Read(IConfiguration configuration, string storagePath)
    {
        var section = configuration.GetSection(Section);
        var broker = section["RabbitMq"];
        if (string.IsNullOrWhiteSpace(broker))
            return null;
        if (!Uri.TryCreate(broker, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
            throw Bad("RabbitMq", broker, "an amqp:// or amqps:// URI");
        var queue = Name(section, "CommandQueue", "orders.commands");
        var consumers = section["Consumers"] ?? "16";
        if (!int.TryParse(consumers, out var count) || count is < 1 or > 256)
            throw Bad("Consumers", consumers, "a whole number from 1 to 256");
        return new MessagingOptions(
            uri,
            queue,
            Name(section, "DeadLetterQueue", queue + ".dead-letter"),
            Name(section, "EventsExchange", "orders.events"),
            count,
            CheckpointFile(storagePath));
    }

    /// <summary><c>data/orders.db</c> keeps the publisher's checkpoint in <c>data/orders.messaging.db</c>.</summary>
    public static string CheckpointFile(string eventLogPath) =>
        Path.Combine(Path.GetDirectoryName(eventLogPath) ?? "", Path.GetFileNameWithoutExtension(eventLogPath) + ".messaging.db");

    static string Name(IConfigurationSection section, string key, string fallback)
    {
        var value = section[key] ?? fallback;
        // AMQP short strings: at most 255 bytes.
        return string.IsNullOrWhiteSpace(value) || System.Text.Encoding.UTF8.GetByteCount(value) > 255
            ? throw Bad(key, value, "a name of 1 to 255 bytes")
            : value;
    }

    static OrdersConfigurationException Bad(string key, string value, string expected) =>
        new($"Configuration error: {Section}:{key} is '{value}', expected {expected}.");

    /// <summary>The broker's address without its password, for logs and health reports.</summary>
    public string BrokerForDisplay => new UriBuilder(Broker) { Password = string.IsNullOrEmpty(Broker.Password()) ? "" : "***" }.Uri.ToString();
}

static class UriPassword
{
    public static string Password(this Uri uri) =>
        uri.UserInfo.Split(':', 2) is [_, var password] ? password : "";
}
