using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orders.EventStore;

namespace Orders.EventStore.Sqlite;

public static class SqliteEventStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite log at <paramref name="path"/> as the singleton <see cref="IEventStore"/>. The container
    /// disposes it at shutdown, which commits the appends still queued.
    /// </summary>
    public static IServiceCollection AddSqliteEventStore(this IServiceCollection services, string path)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new SqliteEventStore(path, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEventStore>(provider => provider.GetRequiredService<SqliteEventStore>());
        return services;
    }
}
