using System.Text;
using Microsoft.Extensions.Options;
using Orders.EventStore.EventStoreDb;

namespace Orders.Host.Configuration;

/// <summary>What a good <c>Orders</c> setting is; each failure names its key and what was expected.</summary>
public sealed class OrdersOptionsValidator : IValidateOptions<OrdersOptions>
{
    public ValidateOptionsResult Validate(string? name, OrdersOptions options)
    {
        var failures = Failures(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    static IEnumerable<string> Failures(OrdersOptions options)
    {
        var failures = new List<string?>
        {
            Text("Storage:Path", options.Storage.Path),
            EventStoreConnection(options.EventStore),
            Text("Documents:ConnectionString", options.Documents.ConnectionString)
                ?? Expect(options.Documents.ConnectionString.StartsWith("mongodb", StringComparison.Ordinal),
                    "Documents:ConnectionString", options.Documents.ConnectionString, "a mongodb:// connection string"),
            Text("Documents:Database", options.Documents.Database),
            Expect(Uri.TryCreate(options.Search.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https",
                "Search:Url", options.Search.Url, "an http(s) URL"),
            Text("Search:Index", options.Search.Index),
            Expect(options.Grpc.Port is >= 1 and <= 65535, "Grpc:Port", options.Grpc.Port, "a port from 1 to 65535"),
            Text("InstanceId", options.InstanceId),
        };
        failures.AddRange(Projections(options.Projections));
        failures.AddRange(Messaging(options.Messaging));
        return failures.OfType<string>();
    }

    static string? EventStoreConnection(EventStoreOptions eventStore)
    {
        if (Text("EventStore:ConnectionString", eventStore.ConnectionString) is { } empty)
            return empty;
        try
        {
            EventStoreDbConnectionString.Parse(eventStore.ConnectionString);
            return null;
        }
        catch (FormatException error)
        {
            return $"{OrdersOptions.Section}:EventStore:ConnectionString: {error.Message}";
        }
    }

    static IEnumerable<string?> Projections(Projections.Runner.ProjectionRunnerOptions runner) =>
    [
        Expect(runner.BatchSize >= 1, "Projections:BatchSize", runner.BatchSize, "at least 1"),
        Expect(runner.BatchWindow >= TimeSpan.Zero, "Projections:BatchWindow", runner.BatchWindow, "a duration of zero or more"),
        Expect(runner.DocumentCacheSize >= 0, "Projections:DocumentCacheSize", runner.DocumentCacheSize, "zero or more"),
        Expect(runner.MaxAttempts >= 1, "Projections:MaxAttempts", runner.MaxAttempts, "at least 1"),
        Expect(runner.RetryDelay >= TimeSpan.Zero, "Projections:RetryDelay", runner.RetryDelay, "a duration of zero or more"),
        Expect(runner.MaxRestartDelay > TimeSpan.Zero, "Projections:MaxRestartDelay", runner.MaxRestartDelay, "a duration above zero"),
        Expect(runner.LagCountLimit >= 1, "Projections:LagCountLimit", runner.LagCountLimit, "at least 1"),
        // Renewed every third of it: below 3 s the renewals would come more than once a second.
        Expect(runner.LeaseSeconds is >= 3 and <= 3600, "Projections:LeaseSeconds", runner.LeaseSeconds, "a whole number of seconds from 3 to 3600"),
    ];

    static IEnumerable<string?> Messaging(Messaging.MessagingOptions messaging)
    {
        if (!messaging.Enabled)
            return [];
        return
        [
            Expect(Uri.TryCreate(messaging.RabbitMq, UriKind.Absolute, out var broker) && broker.Scheme is "amqp" or "amqps",
                "Messaging:RabbitMq", messaging.RabbitMq, "an amqp:// or amqps:// URI"),
            QueueName("Messaging:CommandQueue", messaging.CommandQueue),
            QueueName("Messaging:DeadLetterQueue", messaging.DeadLetterQueue),
            QueueName("Messaging:EventsExchange", messaging.EventsExchange),
            Expect(messaging.Consumers is >= 1 and <= 256, "Messaging:Consumers", messaging.Consumers, "a whole number from 1 to 256"),
        ];
    }

    // AMQP short strings: at most 255 bytes.
    static string? QueueName(string key, string value) =>
        Expect(!string.IsNullOrWhiteSpace(value) && Encoding.UTF8.GetByteCount(value) <= 255, key, value, "a name of 1 to 255 bytes");

    static string? Text(string key, string value) => Expect(!string.IsNullOrWhiteSpace(value), key, value, "a non-empty value");

    static string? Expect(bool good, string key, object? value, string expected) =>
        good ? null : $"{OrdersOptions.Section}:{key} is '{value}', expected {expected}.";
}
