using System.Net;
using System.Text.Json;
using Alba;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orders.EventStore.EventStoreDb;
using Orders.EventStore.EventStoreDb.Protocol.Streams;
using Orders.Host.GrpcApi.Contract;
using Orders.Specs.EventStoreDb;
using Orders.Specs.GrpcApi;
using Orders.Specs.Http;

namespace Orders.Specs.Operations;

/// <summary>
/// A host on EventStoreDB when the store cannot serve it: commands answer "unavailable" (HTTP 503 with Retry-After,
/// gRPC Unavailable), never 500, and readiness fails naming why. The store is a loopback port nothing listens on, or
/// <see cref="FakeEventStoreDb"/> refusing the credentials; no server needed.
/// </summary>
public sealed class EventStoreUnavailableSpecs
{
    /// <summary>A short retry budget: nothing will answer, so the outcome does not depend on the machine's speed.</summary>
    public static Dictionary<string, string> UnreachableEventStore() => new()
    {
        ["Orders:EventStore:Provider"] = "EventStoreDb",
        ["Orders:EventStore:ConnectionString"] = $"esdb://127.0.0.1:{ClosedPort()}?tls=false&retryBudget=300",
    };

    static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_command_answers_503_event_store_unavailable_with_Retry_After_when_no_node_answers()
    {
        await using var own = await OwnHost.StartAsync(UnreachableEventStore());

        var result = await own.Host.Scenario(s =>
        {
            s.Post.Json(OrderRequests.NewOrder()).ToUrl("/api/v1/orders");
            s.StatusCodeShouldBe(503);
        });

        var problem = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        Assert.Equal("event_store_unavailable", problem.GetProperty("code").GetString());
        Assert.Contains("could not be reached", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("5", result.Context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task A_gRPC_command_answers_Unavailable_with_the_same_code()
    {
        await using var own = await OwnHost.StartAsync(UnreachableEventStore());
        using var channel = GrpcChannel.ForAddress(
            own.Host.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = own.Host.Server.CreateHandler() });

        var error = await Assert.ThrowsAsync<RpcException>(
            () => new orderService.orderServiceClient(channel).CreateOrderAsync(GrpcRequests.NewOrder()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("event_store_unavailable", error.Trailers.GetValue("code"));
    }

    [Fact]
    public async Task Readiness_fails_naming_the_event_store_while_no_leader_is_reachable()
    {
        await using var own = await OwnHost.StartAsync(UnreachableEventStore());

        var ready = await own.Host.HealthAsync("/health/ready", 503);
        await own.Host.HealthAsync("/health/live", 200);

        Assert.Equal("Unhealthy", ready.Check("event-store").Status);
        Assert.Contains("no leader", ready.Check("event-store").Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_credentials_answer_503_saying_so_and_readiness_names_them()
    {
        await using var store = await FakeEventStoreDb.StartAsync(app => app.MapPost("/{**call}", async context =>
        {
            await FakeEventStoreDb.FinishAsync(context, StatusCode.Unauthenticated);
        }));
        using var client = store.Client("esdb://orders:wrong@node1:2113?tls=false");
        await using var own = await OwnHost.StartAsync(
            new Dictionary<string, string>
            {
                ["Orders:EventStore:Provider"] = "EventStoreDb",
                ["Orders:EventStore:ConnectionString"] = "esdb://orders:wrong@node1:2113?tls=false",
            },
            services => services.AddSingleton(client));

        var result = await own.Host.Scenario(s =>
        {
            s.Post.Json(OrderRequests.NewOrder()).ToUrl("/api/v1/orders");
            s.StatusCodeShouldBe(503);
        });
        var ready = await own.Host.HealthAsync("/health/ready", 503);

        var problem = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        Assert.Equal("event_store_unavailable", problem.GetProperty("code").GetString());
        Assert.Contains("refuses the service's credentials", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("refuses the service's credentials", ready.Check("event-store").Description, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", ready.Check("event-store").Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_passes_when_the_leader_answers_the_service_s_own_call()
    {
        List<string> probes = [];
        await using var store = await FakeEventStoreDb.StartAsync(app => app.MapPost(FakeEventStoreDb.Read, async context =>
        {
            var request = await FakeEventStoreDb.ReceiveAsync(context, ReadReq.Parser);
            lock (probes)
                probes.Add($"{request!.Options.Stream?.StreamIdentifier.StreamName.ToStringUtf8()} {context.Request.Headers.Authorization} {context.Request.Headers["requires-leader"]}");
            if (request.Options.CountOptionCase == ReadReq.Types.Options.CountOptionOneofCase.Subscription)
            {
                await FakeEventStoreDb.HoldOpenAsync(context); // the projections' live subscription: a log with nothing new
                return;
            }
            if (request.Options.StreamOptionCase == ReadReq.Types.Options.StreamOptionOneofCase.Stream)
                await FakeEventStoreDb.SendAsync(context, new ReadResp { StreamNotFound = new ReadResp.Types.StreamNotFound() });
            await FakeEventStoreDb.FinishAsync(context, StatusCode.OK);
        }));
        using var client = store.Client("esdb://orders:secret@node1:2113?tls=false");
        await using var own = await OwnHost.StartAsync(
            new Dictionary<string, string>
            {
                ["Orders:EventStore:Provider"] = "EventStoreDb",
                ["Orders:EventStore:ConnectionString"] = "esdb://orders:secret@node1:2113?tls=false",
            },
            services => services.AddSingleton(client));

        var ready = await own.Host.HealthAsync("/health/ready", 200);

        Assert.Equal("Healthy", ready.Check("event-store").Status);
        lock (probes)
            Assert.Contains("orders-readiness-probe Basic b3JkZXJzOnNlY3JldA== true", probes);
    }
}
