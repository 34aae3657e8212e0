using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orders.EventStore;

namespace Orders.EventStore.EventStoreDb;

public static class EventStoreDbServiceCollectionExtensions
{
    /// <summary>
    /// Uses EventStoreDB as the event store. The connection string is checked here, so a bad one stops the host at
    /// start-up with one line naming the setting. Calls that cannot reach the store within the retry budget, or whose
    /// credentials it refuses, throw <see cref="EventStoreUnavailableException"/>.
    /// </summary>
    public static IServiceCollection AddEventStoreDbEventStore(this IServiceCollection services, string connectionString)
    {
        EventStoreDbSettings settings;
        try
        {
            settings = EventStoreDbConnectionString.Parse(connectionString);
        }
        catch (FormatException error)
        {
            throw new InvalidOperationException($"Orders:EventStore:ConnectionString: {error.Message}", error);
        }

        services.AddSingleton(settings);
        services.AddSingleton(sp => new EventStoreDbClient(
            settings,
            time: sp.GetService<TimeProvider>(),
            logger: sp.GetService<ILogger<EventStoreDbClient>>()));
        services.AddSingleton<IEventStore>(sp => new EventStoreDbEventStore(
            sp.GetRequiredService<EventStoreDbClient>(), sp.GetService<ILogger<EventStoreDbEventStore>>()));
        return services;
    }
}
