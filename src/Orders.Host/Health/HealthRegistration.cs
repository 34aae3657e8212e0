using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orders.EventStore.EventStoreDb;
using Orders.EventStore.Sqlite;
using Orders.Host.Configuration;

namespace Orders.Host.Health;

/// <summary>
/// <c>/health/live</c> answers while the process runs; <c>/health/ready</c> runs every check tagged
/// <see cref="Ready"/> — one per configured backend — and answers 503 when any is unhealthy. Another part of the
/// host adds its own readiness check with
/// <c>services.AddHealthChecks().AddCheck&lt;T&gt;("name", tags: [HealthRegistration.Ready])</c>.
/// </summary>
public static class HealthRegistration
{
    public const string Ready = "ready";
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    /// <summary>How long a backend may take to answer before it counts as unreachable.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long SIGTERM waits for in-flight requests and background work to finish before the host stops anyway;
    /// below the usual 30 s grace period an orchestrator allows before it kills the process.
    /// </summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(25);

    public static IServiceCollection AddOrdersHealth(this IServiceCollection services, OrdersOptions options)
    {
        services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        var checks = services.AddHealthChecks();

        if (options.EventStore.Provider == EventStoreProvider.Sqlite)
            checks.Add(new HealthCheckRegistration(
                "event-store",
                provider =>
                {
                    // The log opens (and on a first start is created) when the store is first resolved; readiness
                    // means the log this host writes to is open, so the first probe opens it rather than failing.
                    provider.GetRequiredService<SqliteEventStore>();
                    return new SqliteEventLogHealthCheck(options.Storage.Path);
                },
                failureStatus: HealthStatus.Unhealthy,
                tags: [Ready]));
        else
            AddProbe(services, "event-store", provider => new EventStoreDbHealthCheck(provider.GetRequiredService<EventStoreDbClient>()));

        if (options.Documents.Provider == DocumentsProvider.Mongo)
            AddProbe(services, "documents", _ => new MongoHealthCheck(options.Documents.ConnectionString, options.Documents.Database));

        if (options.Search.Provider == SearchProvider.Elastic)
            AddProbe(services, "search", _ => new HttpEndpointHealthCheck(ElasticClusterHealth(options.Search.Url)));

        checks.AddCheck<ProjectionsHealthCheck>("projections", tags: [Ready]);
        return services;
    }

    public static WebApplication MapOrdersHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthReportJson.WriteAsync,
        }).ExcludeFromDescription();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = HealthReportJson.WriteAsync,
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The check lives as long as the host, so that the client it holds keeps its connections between probes, and is
    /// disposed with it.
    /// </summary>
    static void AddProbe<T>(IServiceCollection services, string name, Func<IServiceProvider, T> create)
        where T : class, IHealthCheck
    {
        services.AddKeyedSingleton(name, (provider, _) => create(provider));
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            name,
            provider => provider.GetRequiredKeyedService<T>(name),
            failureStatus: HealthStatus.Unhealthy,
            tags: [Ready],
            timeout: ProbeTimeout * 2));
    }

    /// <summary>Answers 408 instead of 200 while the cluster is red, so a plain status check sees it.</summary>
    static Uri ElasticClusterHealth(string url) =>
        new(new Uri(url.EndsWith('/') ? url : url + "/"), "_cluster/health?wait_for_status=yellow&timeout=1s");
}
