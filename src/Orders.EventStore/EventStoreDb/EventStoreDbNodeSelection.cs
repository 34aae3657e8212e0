using System.Net;
using Orders.EventStore.EventStoreDb.Protocol.Gossip;
using VNodeState = Orders.EventStore.EventStoreDb.Protocol.Gossip.MemberInfo.Types.VNodeState;

namespace Orders.EventStore.EventStoreDb;

/// <summary>
/// Which member of a cluster to talk to, from what its gossip says: alive members that serve clients, ranked by the
/// preference, one at random among equals so that several service instances spread over the followers.
/// </summary>
internal static class EventStoreDbNodeSelection
{
    /// <summary>The preferred member's endpoint, or null when no alive member serves clients.</summary>
    public static DnsEndPoint? Pick(ClusterInfo cluster, NodePreference preference, Random random) =>
        cluster.Members
            .Where(m => m.IsAlive && m.HttpEndPoint is not null && Rank(m.State, preference) is not null)
            .OrderBy(_ => random.Next())
            .OrderBy(m => Rank(m.State, preference))
            .Select(m => new DnsEndPoint(m.HttpEndPoint.Address, (int)m.HttpEndPoint.Port))
            .FirstOrDefault();

    /// <summary>The alive leader's endpoint, or null while there is none (an election is under way).</summary>
    public static DnsEndPoint? Leader(ClusterInfo cluster) =>
        cluster.Members
            .Where(m => m.IsAlive && m.State == VNodeState.Leader && m.HttpEndPoint is not null)
            .Select(m => new DnsEndPoint(m.HttpEndPoint.Address, (int)m.HttpEndPoint.Port))
            .FirstOrDefault();

    /// <summary>Lower is better; null for a state that does not serve clients (catching up, electing, shutting down).</summary>
    private static int? Rank(VNodeState state, NodePreference preference) => (state, preference) switch
    {
        (not (VNodeState.Leader or VNodeState.Follower or VNodeState.ReadOnlyReplica), _) => null,
        (_, NodePreference.Random) => 0,
        (VNodeState.Leader, NodePreference.Leader) => 0,
        (VNodeState.Follower, NodePreference.Follower) => 0,
        (VNodeState.ReadOnlyReplica, NodePreference.ReadOnlyReplica) => 0,
        (VNodeState.Follower, _) => 1,
        (VNodeState.Leader, _) => 2,
        _ => 3,
    };
}
