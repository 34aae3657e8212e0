using System.Diagnostics;
using Alba;
using Orders.Decider;
using Orders.Specs.Http;
using Orders.Specs.Operations;

namespace Orders.Specs.Messaging;

/// <summary>Every appended order event reaches the events exchange, as another service bound to it receives it.</summary>
public sealed class IntegrationEventSpecs(MessagingHost service) : IClassFixture<MessagingHost>
{
    TestBroker Broker => service.Broker;

    [RabbitMqServerFact]
    public async Task Every_appended_event_is_published_in_stream_order_with_its_ids_and_trace_context()
    {
        var orders = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var id = await service.Host.CreateOrderAsync();
            await service.Host.SendAsync(HttpMethod.Put, $"/api/v1/orders/pay/{id}", new { paymentId = "pay-" + i }, 200);
            await service.Host.SendAsync(HttpMethod.Put, $"/api/v1/orders/submit/{id}", null, 200);
            orders.Add(id);
        }

        await TestBroker.EventuallyAsync(
            () => orders.All(o => Broker.Events.Count(e => e.Header("order-id") == o.ToString()) >= 3),
            TimeSpan.FromSeconds(30), "three events of every order");
        foreach (var order in orders)
        {
            var stream = await service.EventStore.ReadStreamAsync(OrderStream.Name(order));
            var published = Broker.Events.Where(e => e.Header("order-id") == order.ToString()).ToList();
            Assert.Equal(stream.Select(e => e.EventId.ToString()), published.Select(p => p.Properties.MessageId));
            Assert.Equal(stream.Select(e => e.Type), published.Select(p => p.RoutingKey));
            Assert.Equal([0L, 1L, 2L], published.Select(p => p.Body.GetProperty("version").GetInt64()));
            Assert.All(published, p =>
            {
                Assert.Equal(order, p.Body.GetProperty("orderId").GetGuid());
                Assert.Equal(p.Properties.MessageId, p.Body.GetProperty("eventId").GetString());
                Assert.Equal(p.RoutingKey, p.Body.GetProperty("eventType").GetString());
                Assert.True(ActivityContext.TryParse(p.Header("traceparent"), null, out _), "a W3C traceparent header");
            });
            Assert.Equal("pay-" + orders.IndexOf(order), published[1].Body.GetProperty("data").GetProperty("paymentID").GetString());
        }
    }

    [RabbitMqServerFact]
    public async Task A_command_message_and_the_events_it_publishes_share_the_senders_trace()
    {
        var order = Guid.CreateVersion7();
        var trace = ActivityTraceId.CreateRandom();
        var traceparent = $"00-{trace}-{ActivitySpanId.CreateRandom()}-01";

        await Broker.SendAsync(CommandEnvelopes.CreateOrder(CommandEnvelopes.NewMessageId(), order), traceparent: traceparent);

        await TestBroker.EventuallyAsync(() => Broker.Events.Any(e => e.Header("order-id") == order.ToString()), TimeSpan.FromSeconds(30), "the event");
        var published = Broker.Events.Single(e => e.Header("order-id") == order.ToString());
        Assert.True(ActivityContext.TryParse(published.Header("traceparent"), null, out var context));
        Assert.Equal(trace, context.TraceId);
    }

    [RabbitMqServerFact]
    public async Task Messages_received_dead_lettered_and_events_published_are_counted()
    {
        var order = Guid.CreateVersion7();
        var id = CommandEnvelopes.NewMessageId();
        await Broker.SendAsync(CommandEnvelopes.CreateOrder(id, order));
        await Broker.SendRawAsync("{"u8.ToArray(), amqpMessageId: "broken");
        await Broker.AwaitReplyAsync("broken");
        await TestBroker.EventuallyAsync(() => Broker.Events.Any(e => e.Header("order-id") == order.ToString()), TimeSpan.FromSeconds(30), "the event");

        var metrics = "";
        for (var tries = 0; tries < 100 && !metrics.Contains("orders_messaging_publish_lag_seconds_bucket", StringComparison.Ordinal); tries++)
        {
            metrics = await (await service.Host.Scenario(s => s.Get.Url("/metrics"))).ReadAsTextAsync();
            await Task.Delay(100);
        }
        Assert.Matches("""(?m)^orders_messaging_commands_received_total\{[^}]*type="CreateOrder"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""(?m)^orders_messaging_commands_dead_lettered_total\{[^}]*reason="not_json"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""(?m)^orders_messaging_events_published_total\{[^}]*type="V1_ORDER_CREATED"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""(?m)^orders_messaging_publish_lag_seconds_bucket\{[^}]*type="V1_ORDER_CREATED"[^}]*\} [1-9]""", metrics);
    }

    [RabbitMqServerFact]
    public async Task Readiness_includes_the_broker_once_both_directions_are_connected()
    {
        await TestBroker.EventuallyAsync(
            () => service.Host.Scenario(s => s.Get.Url("/health/ready")).GetAwaiter().GetResult().Context.Response.StatusCode == 200,
            TimeSpan.FromSeconds(30), "readiness");

        var ready = await service.Host.HealthAsync("/health/ready", 200);

        Assert.Equal("Healthy", ready.Check("broker").Status);
    }
}

/// <summary>Without a broker that answers, or without the setting, what messaging means for the rest of the host.</summary>
public sealed class MessagingConfigurationSpecs
{
    [Fact]
    public async Task An_unreachable_broker_makes_the_host_unready_but_still_live()
    {
        await using var own = await OwnHost.StartAsync(new Dictionary<string, string>
        {
            ["Orders:Messaging:RabbitMq"] = "amqp://guest:guest@127.0.0.1:1/",
        });

        var ready = await own.Host.HealthAsync("/health/ready", 503);
        await own.Host.HealthAsync("/health/live", 200);

        Assert.Equal("Unhealthy", ready.Check("broker").Status);
        Assert.Equal("Healthy", ready.Check("event-store").Status);
    }

    [Fact]
    public async Task Without_the_setting_nothing_of_messaging_starts()
    {
        await using var own = await OwnHost.StartAsync();

        var ready = await own.Host.HealthAsync("/health/ready", 200);

        Assert.DoesNotContain(ready.Checks, c => c.Name == "broker");
        Assert.False(File.Exists(Path.ChangeExtension(own.EventLogPath, ".messaging.db")));
    }

    [Fact]
    public async Task A_broker_setting_that_is_not_an_amqp_uri_stops_the_host_with_one_line_naming_the_key()
    {
        var (exitCode, error) = await Durability.HostProcess.RunToExitAsync(
            Path.Combine(Path.GetTempPath(), "orders-messaging-config-" + Guid.NewGuid().ToString("N"), "orders.db"),
            new Dictionary<string, string> { ["Orders__Messaging__RabbitMq"] = "http://localhost:5672" });

        Assert.NotEqual(0, exitCode);
        Assert.Equal("Configuration error: Orders:Messaging:RabbitMq is 'http://localhost:5672', expected an amqp:// or amqps:// URI.", error.Trim());
    }
}
