using Orders.Projections.Runner;

namespace Orders.Host.Configuration;

/// <summary>The <c>Orders</c> configuration section (appsettings.json, or env vars such as <c>Orders__EventStore__Provider</c>).</summary>
public sealed class OrdersOptions
{
    public const string Section = "Orders";

    public StorageOptions Storage { get; set; } = new();
    public EventStoreOptions EventStore { get; set; } = new();
    public DocumentsOptions Documents { get; set; } = new();
    public SearchOptions Search { get; set; } = new();
    public AdminOptions Admin { get; set; } = new();
    public ProjectionsOptions Projections { get; set; } = new();

    /// <summary>This instance's name in the projections' leases and status; the machine's name and the process id by default.</summary>
    public string InstanceId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";
}

public sealed class StorageOptions
{
    /// <summary>The embedded SQLite event log; read models live beside it in <c>*.read.db</c>.</summary>
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
    /// <summary>When unset, the <c>/admin</c> endpoints are not served at all.</summary>
    public string? ApiKey { get; set; }
}

public sealed class ProjectionsOptions
{
    /// <summary>
    /// <c>Here</c>: this instance applies every projection (one instance). <c>Lease</c>: instances share the read
    /// models, and each projection is applied by the instance holding its lease.
    /// </summary>
    public ProjectionRunnerMode Runner { get; set; } = ProjectionRunnerMode.Here;

    /// <summary>How long a lease lasts unless renewed (every third of it); about how long a takeover takes.</summary>
    public int LeaseSeconds { get; set; } = 15;
}
