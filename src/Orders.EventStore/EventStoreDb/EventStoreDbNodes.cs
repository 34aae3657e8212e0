using System.Collections.Concurrent;
using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Orders.EventStore.EventStoreDb.Protocol;
using Orders.EventStore.EventStoreDb.Protocol.Gossip;

namespace Orders.EventStore.EventStoreDb;

/// <summary>One node of the cluster and the channel that reaches it.</summary>
internal sealed record EventStoreDbNode(DnsEndPoint EndPoint, GrpcChannel Channel);

/// <summary>
/// The nodes the client talks to: the leader, for writes and reads used for deciding, and the node the preference
/// names, for everything else. They are found through the seeds' gossip (or are the one node the connection string
/// names), kept until a call says otherwise (the node went away, or it named another leader), then found again.
/// One channel per node, kept for the client's lifetime, so connections survive a failover and back.
/// </summary>
internal sealed class EventStoreDbNodes(
    EventStoreDbSettings settings, Func<DnsEndPoint, HttpMessageHandler> handlers, Metadata headers, TimeProvider time, ILogger logger)
    : IDisposable
{
    private readonly ConcurrentDictionary<DnsEndPoint, GrpcChannel> _channels = new();
    private readonly SemaphoreSlim _discovery = new(1, 1);
    private readonly Lock _gate = new();
    private DnsEndPoint? _leader;
    private DnsEndPoint? _preferred;

    public async Task<EventStoreDbNode> ResolveAsync(bool requiresLeader, CancellationToken ct)
    {
        if (Known(requiresLeader) is { } known)
            return Node(known);

        await _discovery.WaitAsync(ct);
        try
        {
            // Another call may have found the nodes while this one waited.
            return Node(Known(requiresLeader) ?? await DiscoverAsync(requiresLeader, ct));
        }
        finally
        {
            _discovery.Release();
        }
    }

    /// <summary>Learns from a failed call: follows a leader the node named, forgets a node that went away.</summary>
    public void Observe(DnsEndPoint node, EventStoreDbFailure failure)
    {
        lock (_gate)
        {
            switch (failure)
            {
                case EventStoreDbFailure.NotLeader { LeaderHost: { } host, LeaderPort: { } port }:
                    logger.LogInformation("{Node} is not the leader; following it to {Host}:{Port}", node, host, port);
                    _leader = new DnsEndPoint(host, port);
                    break;
                case EventStoreDbFailure.NotLeader:
                case { IsTransient: true }:
                    if (Equals(_leader, node))
                        _leader = null;
                    if (Equals(_preferred, node))
                        _preferred = null;
                    break;
            }
        }
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
            channel.Dispose();
        _discovery.Dispose();
    }

    private DnsEndPoint? Known(bool requiresLeader)
    {
        lock (_gate)
            return requiresLeader ? _leader : _preferred ?? _leader;
    }

    private EventStoreDbNode Node(DnsEndPoint endPoint) =>
        new(endPoint, _channels.GetOrAdd(endPoint, node => GrpcChannel.ForAddress(settings.AddressOf(node), new GrpcChannelOptions
        {
            HttpHandler = handlers(node),
            DisposeHttpClient = true,
        })));

    private async Task<DnsEndPoint> DiscoverAsync(bool requiresLeader, CancellationToken ct)
    {
        if (!settings.Discover)
        {
            // A single node: it is the one to talk to, unless it named another leader.
            lock (_gate)
            {
                _preferred = settings.Seeds[0];
                return _leader ??= settings.Seeds[0];
            }
        }

        string? lastProblem = null;
        for (var attempt = 1; attempt <= settings.MaxDiscoverAttempts; attempt++)
        {
            foreach (var seed in settings.Seeds)
            {
                var cluster = await GossipAsync(seed, ct);
                if (cluster is null)
                {
                    lastProblem = $"{seed.Host}:{seed.Port} did not answer its gossip";
                    continue;
                }

                var (foundLeader, foundPreferred) =
                    (EventStoreDbNodeSelection.Leader(cluster), EventStoreDbNodeSelection.Pick(cluster, settings.Preference, Random.Shared));
                lock (_gate)
                    (_leader, _preferred) = (foundLeader, foundPreferred);
                if ((requiresLeader ? foundLeader : foundPreferred) is { } found)
                {
                    logger.LogInformation("Cluster members found through {Seed}: leader {Leader}, preferred {Preferred}", seed, foundLeader, foundPreferred);
                    return found;
                }
                lastProblem = requiresLeader ? "the cluster has no leader" : "no member serves clients";
            }

            if (attempt < settings.MaxDiscoverAttempts)
                await Task.Delay(settings.DiscoveryInterval, time, ct);
        }
        throw new EventStoreDbException(new EventStoreDbFailure.Unavailable(
            $"No {(requiresLeader ? "leader" : "node")} found after {settings.MaxDiscoverAttempts} discovery attempts: {lastProblem}."));
    }

    /// <summary>What one seed says about the cluster, or null when it cannot tell; refused credentials are not retried.</summary>
    private async Task<ClusterInfo?> GossipAsync(DnsEndPoint seed, CancellationToken ct)
    {
        try
        {
            var gossip = new Gossip.GossipClient(Node(seed).Channel);
            return await gossip.ReadAsync(new Empty(), new CallOptions(
                headers, time.GetUtcNow().UtcDateTime + settings.GossipTimeout, ct));
        }
        catch (RpcException error) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(error.Message, error, ct);
        }
        catch (RpcException error)
        {
            var failure = EventStoreDbFailure.From(error);
            if (failure is EventStoreDbFailure.Unauthenticated or EventStoreDbFailure.AccessDenied)
                throw new EventStoreDbException(failure, error);
            logger.LogDebug(error, "Gossip from {Seed} failed", seed);
            return null;
        }
    }
}
