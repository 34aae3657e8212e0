using Orders.Host.Configuration;
using Orders.Host.Health;

namespace Orders.Host.Messaging;

/// <summary>
/// Commands in from RabbitMQ and order events out to it, when <c>Orders:Messaging:RabbitMq</c> is set; without it
/// nothing of this is registered.
/// </summary>
public static class MessagingRegistration
{
    public static IServiceCollection AddOrdersMessaging(this IServiceCollection services, OrdersOptions orders)
    {
        var options = orders.Messaging;
        if (!options.Enabled)
            return services;
        options.CheckpointPath = MessagingOptions.CheckpointFile(orders.Storage.Path);
        services.AddSingleton(options);
        services.AddSingleton<MessagingTelemetry>();
        services.AddHostedService<IntegrationEventPublisher>();
        services.AddHostedService<CommandListener>();
        services.AddHealthChecks().AddCheck<MessagingHealthCheck>("broker", tags: [HealthRegistration.Ready]);
        return services;
    }
}
