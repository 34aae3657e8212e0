using Orders.Projections.Runner;

namespace Orders.Host.Configuration;

/// <summary>Reads and checks the <c>Orders</c> section, so that a bad setting stops the host with one line naming it.</summary>
public static class OrdersConfiguration
{
    public static OrdersOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(OrdersOptions.Section);
        var options = new OrdersOptions
        {
            Storage = { Path = Text(section, "Storage:Path", "data/orders.db") },
            EventStore =
            {
                Provider = Choice(section, "EventStore:Provider", EventStoreProvider.Sqlite),
                ConnectionString = Text(section, "EventStore:ConnectionString", "esdb://localhost:2113?tls=false"),
            },
            Documents =
            {
                Provider = Choice(section, "Documents:Provider", DocumentsProvider.Sqlite),
                ConnectionString = Text(section, "Documents:ConnectionString", "mongodb://localhost:27017"),
                Database = Text(section, "Documents:Database", "orders"),
            },
            Search =
            {
                Provider = Choice(section, "Search:Provider", SearchProvider.Sqlite),
                Url = Text(section, "Search:Url", "http://localhost:9200"),
                Index = Text(section, "Search:Index", "orders"),
            },
            Admin = { ApiKey = string.IsNullOrWhiteSpace(section["Admin:ApiKey"]) ? null : section["Admin:ApiKey"] },
            Projections =
            {
                Runner = Choice(section, "Projections:Runner", ProjectionRunnerMode.Here),
                LeaseSeconds = Whole(section, "Projections:LeaseSeconds", 15, min: 3, max: 3600),
            },
        };
        if (section["InstanceId"] is { } instanceId)
            options.InstanceId = string.IsNullOrWhiteSpace(instanceId) ? throw Bad("InstanceId", instanceId, "a non-empty value") : instanceId;
        if (!Uri.TryCreate(options.Search.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw Bad("Search:Url", options.Search.Url, "an http(s) URL");
        if (!options.Documents.ConnectionString.StartsWith("mongodb", StringComparison.Ordinal))
            throw Bad("Documents:ConnectionString", options.Documents.ConnectionString, "a mongodb:// connection string");
        if (!options.EventStore.ConnectionString.StartsWith("esdb", StringComparison.Ordinal))
            throw Bad("EventStore:ConnectionString", options.EventStore.ConnectionString, "an esdb:// connection string");
        return options;
    }

    static string Text(IConfigurationSection section, string key, string fallback)
    {
        var value = section[key];
        if (value is null)
            return fallback;
        return string.IsNullOrWhiteSpace(value) ? throw Bad(key, value, "a non-empty value") : value;
    }

    static int Whole(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        var value = section[key];
        if (value is null)
            return fallback;
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max
            ? parsed
            : throw Bad(key, value, $"a whole number from {min} to {max}");
    }

    static T Choice<T>(IConfigurationSection section, string key, T fallback) where T : struct, Enum
    {
        var value = section[key];
        if (value is null)
            return fallback;
        return Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw Bad(key, value, "one of " + string.Join(", ", Enum.GetNames<T>()));
    }

    static OrdersConfigurationException Bad(string key, string value, string expected) =>
        new($"Configuration error: {OrdersOptions.Section}:{key} is '{value}', expected {expected}.");
}

public sealed class OrdersConfigurationException(string message) : Exception(message);
