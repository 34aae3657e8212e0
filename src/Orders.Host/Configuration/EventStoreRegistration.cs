using Orders.Host.Configuration;
using Orders.EventStore.EventStoreDb;
using Orders.EventStore.Sqlite;

namespace Orders.Host.Configuration;

public static class EventStoreRegistration
{
    public static IServiceCollection AddOrdersEventStore(this IServiceCollection services, OrdersOptions options) =>
        options.EventStore.Provider switch
        {
            EventStoreProvider.Sqlite => services.AddSqliteEventStore(options.Storage.Path),
            EventStoreProvider.EventStoreDb => services.AddEventStoreDbEventStore(options.EventStore.ConnectionString),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.EventStore.Provider, "Unknown event store."),
        };
}
