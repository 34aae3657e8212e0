using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orders.EventStore;
using Orders.EventStore.EventStoreDb;
using Orders.EventStore.EventStoreDb.Protocol;
using Orders.EventStore.EventStoreDb.Protocol.Streams;
using static Orders.Specs.EventStoreDb.EventStoreDbWireSpecs;
using VNodeState = Orders.EventStore.EventStoreDb.Protocol.Gossip.MemberInfo.Types.VNodeState;

namespace Orders.Specs.EventStoreDb;

/// <summary>
/// The client in a cluster, against <see cref="FakeEventStoreDb"/> playing three nodes (told apart by the host each
/// call is addressed to): discovery, node preference, following the leader and failing over. Deterministic: the
/// fake's answers, not timing, decide what happens; no server needed.
/// </summary>
public sealed class EventStoreDbClusterSpecs
{
    private const string Seeds = "esdb://node1:2113,node2:2113,node3:2113?tls=false&discoveryInterval=1";
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>One call as a node received it.</summary>
    private sealed record Received(string Node, string RequiresLeader, IReadOnlyList<Guid> EventIds);

    /// <summary>A scripted cluster: its gossip names <see cref="Leader"/>, the others are followers.</summary>
    private sealed class Cluster
    {
        public volatile string? Leader = "node2";
        public int GossipReads;
        public ConcurrentQueue<Received> Appends { get; } = new();
        public ConcurrentQueue<Received> Reads { get; } = new();

        public void Map(WebApplication app, Func<HttpContext, Cluster, Task<bool>>? failAppend = null)
        {
            app.MapPost(FakeEventStoreDb.Gossip, async context =>
            {
                Interlocked.Increment(ref GossipReads);
                await FakeEventStoreDb.ReceiveAsync(context, Empty.Parser);
                var leader = Leader;
                await FakeEventStoreDb.SendAsync(context, EventStoreDbNodeSelectionSpecs.Cluster(
                    ("node1", leader == "node1" ? VNodeState.Leader : VNodeState.Follower, true),
                    ("node2", leader == "node2" ? VNodeState.Leader : VNodeState.Follower, true),
                    ("node3", leader == "node3" ? VNodeState.Leader : VNodeState.Follower, true)));
                await FakeEventStoreDb.FinishAsync(context, StatusCode.OK);
            });
            app.MapPost(FakeEventStoreDb.Append, async context =>
            {
                var messages = await FakeEventStoreDb.ReceiveAllAsync(context, AppendReq.Parser);
                Appends.Enqueue(Record(context, messages.Skip(1).Select(m => Guid.Parse(m.ProposedMessage.Id.String)).ToList()));
                if (failAppend is not null && await failAppend(context, this))
                    return;
                await FakeEventStoreDb.SendAsync(context, Appended(revision: 0, position: 10));
                await FakeEventStoreDb.FinishAsync(context, StatusCode.OK);
            });
            app.MapPost(FakeEventStoreDb.Read, async context =>
            {
                await FakeEventStoreDb.ReceiveAsync(context, ReadReq.Parser);
                Reads.Enqueue(Record(context, []));
                await FakeEventStoreDb.FinishAsync(context, StatusCode.OK);
            });
        }

        private static Received Record(HttpContext context, IReadOnlyList<Guid> ids) =>
            new(FakeEventStoreDb.NodeOf(context).Split(':')[0], context.Request.Headers["requires-leader"].ToString(), ids);
    }

    [Fact]
    public async Task Writes_and_reads_for_deciding_go_to_the_leader_the_gossip_names_and_say_they_require_it()
    {
        var cluster = new Cluster();
        await using var server = await FakeEventStoreDb.StartAsync(app => cluster.Map(app));
        using var client = server.Client(Seeds);

        await client.ReadStreamAsync("order-1", Ct);
        await client.AppendAsync("order-1", ExpectedRevision.NoStream, [Event("V1_ORDER_CREATED")], Ct);

        Assert.Equal(("node2", "true"), cluster.Reads.Select(r => (r.Node, r.RequiresLeader)).Single());
        Assert.Equal(("node2", "true"), cluster.Appends.Select(r => (r.Node, r.RequiresLeader)).Single());
    }

    [Fact]
    public async Task A_follower_preference_reads_the_log_on_a_follower_and_still_writes_and_decides_on_the_leader()
    {
        var cluster = new Cluster();
        await using var server = await FakeEventStoreDb.StartAsync(app => cluster.Map(app));
        using var client = server.Client(Seeds + "&nodePreference=follower");

        await client.ReadAllAsync(after: null, maxCount: 10, "order-", Ct);
        await client.ReadStreamAsync("order-1", Ct);
        await client.AppendAsync("order-1", ExpectedRevision.NoStream, [Event("V1_ORDER_CREATED")], Ct);

        var reads = cluster.Reads.ToList();
        Assert.Contains(reads[0].Node, new[] { "node1", "node3" });
        Assert.Equal("", reads[0].RequiresLeader);
        Assert.Equal(("node2", "true"), (reads[1].Node, reads[1].RequiresLeader));
        Assert.Equal("node2", cluster.Appends.Single().Node);
    }

    [Fact]
    public async Task A_node_that_is_not_the_leader_is_followed_to_the_one_it_names_with_the_same_event_ids()
    {
        var cluster = new Cluster();
        await using var server = await FakeEventStoreDb.StartAsync(app => cluster.Map(app, async (context, _) =>
        {
            if (FakeEventStoreDb.NodeOf(context) != "node1:2113")
                return false;
            await FakeEventStoreDb.FinishAsync(context, StatusCode.NotFound,
                ("exception", "not-leader"), ("leader-endpoint-host", "node2"), ("leader-endpoint-port", "2113"));
            return true;
        }));
        using var client = server.Client("esdb://node1:2113?tls=false");
        EventData[] events = [Event("V1_ORDER_CREATED"), Event("V1_ORDER_PAID")];

        var result = await client.AppendAsync("order-1", ExpectedRevision.NoStream, events, Ct);
        await client.AppendAsync("order-2", ExpectedRevision.NoStream, [Event("V1_ORDER_CREATED")], Ct);

        Assert.IsType<AppendResult.Appended>(result);
        var appends = cluster.Appends.ToList();
        Assert.Equal(["node1", "node2", "node2"], appends.Select(a => a.Node));
        Assert.Equal(events.Select(e => e.EventId), appends[0].EventIds);
        Assert.Equal(events.Select(e => e.EventId), appends[1].EventIds);
        Assert.Equal(0, cluster.GossipReads);
    }

    [Fact]
    public async Task An_append_cut_off_by_a_lost_leader_is_repeated_on_the_new_leader_with_the_same_event_ids()
    {
        var cluster = new Cluster { Leader = "node1" };
        await using var server = await FakeEventStoreDb.StartAsync(app => cluster.Map(app, async (context, c) =>
        {
            if (FakeEventStoreDb.NodeOf(context) != "node1:2113")
                return false;
            c.Leader = "node3"; // node1 goes away mid-append; the cluster elects node3
            await FakeEventStoreDb.FinishAsync(context, StatusCode.Unavailable);
            return true;
        }));
        using var client = server.Client(Seeds);
        EventData[] events = [Event("V1_ORDER_CREATED")];

        var result = await client.AppendAsync("order-1", ExpectedRevision.NoStream, events, Ct);

        Assert.IsType<AppendResult.Appended>(result);
        var appends = cluster.Appends.ToList();
        Assert.Equal(["node1", "node3"], appends.Select(a => a.Node));
        Assert.All(appends, a => Assert.Equal(events.Select(e => e.EventId), a.EventIds));
        Assert.Equal(2, cluster.GossipReads);
    }

    [Fact]
    public async Task While_the_cluster_has_no_leader_a_write_waits_for_the_one_elected()
    {
        var cluster = new Cluster { Leader = null };
        await using var server = await FakeEventStoreDb.StartAsync(app =>
        {
            cluster.Map(app);
            app.Use(async (context, next) =>
            {
                if (context.Request.Path == FakeEventStoreDb.Gossip && Volatile.Read(ref cluster.GossipReads) >= 3)
                    cluster.Leader = "node2";
                await next(context);
            });
        });
        using var client = server.Client(Seeds);

        var result = await client.AppendAsync("order-1", ExpectedRevision.NoStream, [Event("V1_ORDER_CREATED")], Ct);

        Assert.IsType<AppendResult.Appended>(result);
        Assert.Equal("node2", cluster.Appends.Single().Node);
        Assert.True(cluster.GossipReads >= 4);
    }

    [Fact]
    public async Task A_cluster_that_elects_no_leader_within_the_budget_is_reported_unavailable()
    {
        var cluster = new Cluster { Leader = null };
        await using var server = await FakeEventStoreDb.StartAsync(app => cluster.Map(app));
        using var client = server.Client(Seeds, new EventStoreDbRetry(
            TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20), Budget: TimeSpan.FromMilliseconds(300)));

        var error = await Assert.ThrowsAsync<EventStoreUnavailableException>(
            () => client.AppendAsync("order-1", ExpectedRevision.NoStream, [Event("V1_ORDER_CREATED")], Ct));

        Assert.False(error.CredentialsRefused);
        Assert.Empty(cluster.Appends);
    }

    [Fact]
    public async Task Refused_credentials_are_not_retried_and_say_so()
    {
        var cluster = new Cluster();
        await using var server = await FakeEventStoreDb.StartAsync(app => cluster.Map(app, async (context, _) =>
        {
            await FakeEventStoreDb.FinishAsync(context, StatusCode.Unauthenticated);
            return true;
        }));
        using var client = server.Client("esdb://admin:wrong@node1:2113?tls=false");

        var error = await Assert.ThrowsAsync<EventStoreUnavailableException>(
            () => client.AppendAsync("order-1", ExpectedRevision.NoStream, [Event("V1_ORDER_CREATED")], Ct));

        Assert.True(error.CredentialsRefused);
        Assert.Contains("refuses the service's credentials", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
        Assert.Single(cluster.Appends);
    }
}
