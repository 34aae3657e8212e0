using Orders.Host.Messaging;
using Orders.Projections.Runner;

namespace Orders.Host.Configuration;

/// <summary>
/// The <c>Orders</c> configuration section (appsettings.json, or env vars such as <c>Orders__EventStore__Provider</c>),
/// bound as it is; the defaults are the initial values here and nowhere else. <see cref="OrdersOptionsValidator"/>
/// says what a good value is.
/// </summary>
public sealed class OrdersOptions
{
    public const string Section = "Orders";

    public StorageOptions Storage { get; set; } = new();
    public EventStoreOptions EventStore { get; set; } = new();
    public DocumentsOptions Documents { get; set; } = new();
    public SearchOptions Search { get; set; } = new();
    public AdminOptions Admin { get; set; } = new();
    public GrpcOptions Grpc { get; set; } = new();

    /// <summary>How the read models keep up with the log (<c>Orders:Projections</c>).</summary>
    public ProjectionRunnerOptions Projections { get; set; } = new();

    /// <summary>
    /// This instance's name in the projections' leases and status (<c>Orders:InstanceId</c>); the machine's name and
    /// the process id by default.
    /// </summary>
    public string InstanceId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Commands in from and events out to RabbitMQ (<c>Orders:Messaging</c>); off unless a broker is named.</summary>
    public MessagingOptions Messaging { get; set; } = new();
}

public sealed class StorageOptions
{
    /// <summary>
    /// The embedded SQLite event log; read models and the publisher's checkpoint live beside it
    /// (<c>*.read.db</c>, <c>*.search.db</c>, <c>*.messaging.db</c>).
    /// </summary>
    public string Path { get; set; } = "data/orders.db";
}

public enum EventStoreProvider { Sqlite, EventStoreDb }

public sealed class EventStoreOptions
{
    public EventStoreProvider Provider { get; set; } = EventStoreProvider.Sqlite;
    public string ConnectionString { get; set; } = "esdb://localhost:2113?tls=false";
}

public enum DocumentsProvider { Sqlite, Mongo }

public sealed class DocumentsOptions
{
    public DocumentsProvider Provider { get; set; } = DocumentsProvider.Sqlite;
    public string ConnectionString { get; set; } = "mongodb://localhost:27017";
    public string Database { get; set; } = "orders";
}

public enum SearchProvider { Sqlite, Elastic }

public sealed class SearchOptions
{
    public SearchProvider Provider { get; set; } = SearchProvider.Sqlite;
    public string Url { get; set; } = "http://localhost:9200";
    public string Index { get; set; } = "orders";
}

public sealed class AdminOptions
{
    /// <summary>When unset (or blank), the <c>/admin</c> endpoints are not served at all.</summary>
    public string? ApiKey { get; set; }

    public string? Key => string.IsNullOrWhiteSpace(ApiKey) ? null : ApiKey;
}

public sealed class GrpcOptions
{
    /// <summary>
    /// The port whose addresses speak HTTP/2 only, for gRPC: without TLS, Kestrel cannot offer HTTP/1.1 and HTTP/2 on
    /// one port.
    /// </summary>
    public int Port { get; set; } = 5001;
}
