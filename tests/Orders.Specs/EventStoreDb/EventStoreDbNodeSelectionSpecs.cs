using System.Net;
using Orders.EventStore.EventStoreDb;
using Orders.EventStore.EventStoreDb.Protocol.Gossip;
using VNodeState = Orders.EventStore.EventStoreDb.Protocol.Gossip.MemberInfo.Types.VNodeState;

namespace Orders.Specs.EventStoreDb;

/// <summary>Which member the client talks to, from the cluster's gossip; no server needed.</summary>
public sealed class EventStoreDbNodeSelectionSpecs
{
    internal static ClusterInfo Cluster(params (string Host, VNodeState State, bool Alive)[] members)
    {
        var cluster = new ClusterInfo();
        cluster.Members.AddRange(members.Select(m => new MemberInfo
        {
            State = m.State,
            IsAlive = m.Alive,
            HttpEndPoint = new Orders.EventStore.EventStoreDb.Protocol.Gossip.EndPoint { Address = m.Host, Port = 2113 },
        }));
        return cluster;
    }

    private static readonly ClusterInfo Healthy = Cluster(
        ("node1", VNodeState.Follower, true), ("node2", VNodeState.Leader, true), ("node3", VNodeState.Follower, true),
        ("replica", VNodeState.ReadOnlyReplica, true));

    private static DnsEndPoint Node(string host) => new(host, 2113);

    [Fact]
    public void The_leader_is_preferred_by_default()
    {
        Assert.Equal(Node("node2"), EventStoreDbNodeSelection.Pick(Healthy, NodePreference.Leader, new Random(1)));
        Assert.Equal(Node("node2"), EventStoreDbNodeSelection.Leader(Healthy));
    }

    [Fact]
    public void A_follower_preference_spreads_over_the_followers_and_never_picks_the_leader_while_one_is_alive()
    {
        var picked = Enumerable.Range(0, 200)
            .Select(seed => EventStoreDbNodeSelection.Pick(Healthy, NodePreference.Follower, new Random(seed))!.Host)
            .ToHashSet();

        Assert.Equal(["node1", "node3"], picked.Order());
    }

    [Fact]
    public void A_read_only_replica_is_picked_when_preferred_and_a_follower_stands_in_for_it()
    {
        Assert.Equal(Node("replica"), EventStoreDbNodeSelection.Pick(Healthy, NodePreference.ReadOnlyReplica, new Random(1)));

        var withoutReplica = Cluster(("node1", VNodeState.Leader, true), ("node2", VNodeState.Follower, true));
        Assert.Equal(Node("node2"), EventStoreDbNodeSelection.Pick(withoutReplica, NodePreference.ReadOnlyReplica, new Random(1)));
    }

    [Fact]
    public void Random_picks_any_member_that_serves_clients()
    {
        var picked = Enumerable.Range(0, 300)
            .Select(seed => EventStoreDbNodeSelection.Pick(Healthy, NodePreference.Random, new Random(seed))!.Host)
            .ToHashSet();

        Assert.Equal(["node1", "node2", "node3", "replica"], picked.Order());
    }

    [Fact]
    public void Dead_members_and_members_that_do_not_serve_clients_are_never_picked()
    {
        var cluster = Cluster(
            ("dead-leader", VNodeState.Leader, false), ("catching-up", VNodeState.CatchingUp, true),
            ("electing", VNodeState.PreLeader, true), ("resigning", VNodeState.ResigningLeader, true),
            ("follower", VNodeState.Follower, true));

        Assert.Equal(Node("follower"), EventStoreDbNodeSelection.Pick(cluster, NodePreference.Leader, new Random(1)));
        Assert.Null(EventStoreDbNodeSelection.Leader(cluster));
    }

    [Fact]
    public void A_cluster_without_a_member_that_serves_clients_has_no_pick()
    {
        var electing = Cluster(("node1", VNodeState.PreLeader, true), ("node2", VNodeState.Unknown, true), ("node3", VNodeState.Leader, false));

        Assert.Null(EventStoreDbNodeSelection.Pick(electing, NodePreference.Leader, new Random(1)));
        Assert.Null(EventStoreDbNodeSelection.Leader(electing));
    }
}
