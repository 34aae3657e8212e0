using Orders.Host.Configuration;
using Orders.Host.EventStore.Sqlite;

namespace Orders.Host.EventStore;

public static class EventStoreRegistration
{
    public static IServiceCollection AddOrdersEventStore(this IServiceCollection services, OrdersOptions options) =>
        options.EventStore.Provider switch
        {
            EventStoreProvider.Sqlite => services.AddSqliteEventStore(options.Storage.Path),
            _ => throw new OrdersConfigurationException(
                $"Configuration error: {OrdersOptions.Section}:EventStore:Provider '{options.EventStore.Provider}' is not available in this build."),
        };
}
