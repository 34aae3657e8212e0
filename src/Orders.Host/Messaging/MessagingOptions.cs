namespace Orders.Host.Messaging;

/// <summary>
/// The <c>Orders:Messaging</c> section. Messaging is off unless <see cref="RabbitMq"/> names a broker: then commands
/// are taken from <see cref="CommandQueue"/> and every order event is published to <see cref="EventsExchange"/>.
/// </summary>
public sealed class MessagingOptions
{
    string? _deadLetterQueue;

    /// <summary>The broker, an <c>amqp://</c> or <c>amqps://</c> URI; unset, messaging is off.</summary>
    public string? RabbitMq { get; set; }

    public string CommandQueue { get; set; } = "orders.commands";

    /// <summary>Where poison commands go; by default the command queue's name with <c>.dead-letter</c> after it.</summary>
    public string DeadLetterQueue
    {
        get => _deadLetterQueue ?? CommandQueue + ".dead-letter";
        set => _deadLetterQueue = value;
    }

    public string EventsExchange { get; set; } = "orders.events";

    /// <summary>Commands handled at once, each lane keeping one order's messages in order.</summary>
    public int Consumers { get; set; } = 16;

    public bool Enabled => !string.IsNullOrWhiteSpace(RabbitMq);

    public Uri Broker => new(RabbitMq ?? throw new InvalidOperationException("Messaging is off: Orders:Messaging:RabbitMq is not set."));

    /// <summary>The publisher's checkpoint, beside the event log (see <see cref="CheckpointFile"/>); set by the host.</summary>
    public string CheckpointPath { get; internal set; } = "";

    /// <summary><c>data/orders.db</c> keeps the publisher's checkpoint in <c>data/orders.messaging.db</c>.</summary>
    public static string CheckpointFile(string eventLogPath) =>
        Path.Combine(Path.GetDirectoryName(eventLogPath) ?? "", Path.GetFileNameWithoutExtension(eventLogPath) + ".messaging.db");

    /// <summary>The broker's address without its password, for logs and health reports.</summary>
    public string BrokerForDisplay => new UriBuilder(Broker) { Password = string.IsNullOrEmpty(Broker.Password()) ? "" : "***" }.Uri.ToString();
}

static class UriPassword
{
    public static string Password(this Uri uri) =>
        uri.UserInfo.Split(':', 2) is [_, var password] ? password : "";
}
