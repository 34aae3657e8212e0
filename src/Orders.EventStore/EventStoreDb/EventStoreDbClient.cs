using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orders.EventStore;
using Orders.EventStore.EventStoreDb.Protocol.Streams;
using Polly;
using Polly.Timeout;

namespace Orders.EventStore.EventStoreDb;

/// <summary>
/// A typed client for EventStoreDB over its public gRPC protocol, single node or cluster. Writes and reads used for
/// deciding go to the leader (with <c>requires-leader</c>, so a node that is not the leader names it and is
/// followed); other reads go to the preferred node. Short calls carry the configured deadline and ride out a
/// failover within <see cref="EventStoreDbRetry"/>'s budget (appends are safe to repeat: the event ids make them
/// idempotent); past it, or when the credentials are refused, they fail with
/// <see cref="EventStoreUnavailableException"/>. Long-lived subscriptions carry no deadline and leave reconnecting
/// to their owner.
/// </summary>
internal sealed class EventStoreDbClient : IDisposable
{
    private const string RequiresLeaderHeader = "requires-leader";

    private readonly EventStoreDbSettings _settings;
    private readonly EventStoreDbNodes _nodes;
    private readonly ResiliencePipeline _pipeline;
    private readonly Metadata _headers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="handlers">Carries each node's HTTP/2 traffic; by default a socket handler built from the settings.</param>
    public EventStoreDbClient(
        EventStoreDbSettings settings,
        EventStoreDbRetry? retry = null,
        TimeProvider? time = null,
        ILogger? logger = null,
        Func<DnsEndPoint, HttpMessageHandler>? handlers = null)
    {
        _settings = settings;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        Retry = retry ?? EventStoreDbRetry.For(settings);
        _pipeline = Retry.Pipeline(_time, _logger);
        _headers = settings.Credentials is { } credentials
            ? new Metadata { { "authorization", credentials.AuthorizationHeader } }
            : [];
        _nodes = new EventStoreDbNodes(settings, handlers ?? (_ => CreateHandler(settings)), _headers, _time, _logger);
    }

    public EventStoreDbRetry Retry { get; }

    /// <summary>Other reads follow the preference; with the default one they are on the leader too.</summary>
    private bool ReadsRequireLeader => _settings.Preference == NodePreference.Leader;

    public async Task<AppendResult> AppendAsync(
        string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken ct)
    {
        try
        {
            var response = await CallStreamsAsync($"append to {stream}", requiresLeader: true, async (streams, options) =>
            {
                using var call = streams.Append(options);
                await call.RequestStream.WriteAsync(EventStoreDbRequests.AppendOptions(stream, expected), options.CancellationToken);
                foreach (var e in events)
                    await call.RequestStream.WriteAsync(EventStoreDbRequests.ProposedMessage(e), options.CancellationToken);
                await call.RequestStream.CompleteAsync();
                return await call.ResponseAsync;
            }, ct);
            return response.Success is { PositionOptionCase: AppendResp.Types.Success.PositionOptionOneofCase.NoPosition } repeated
                   && repeated.CurrentRevisionOptionCase == AppendResp.Types.Success.CurrentRevisionOptionOneofCase.CurrentRevision
                ? new AppendResult.Appended((long)repeated.CurrentRevision, await PositionOfAsync(stream, repeated.CurrentRevision, ct))
                : EventStoreDbResponses.ToAppendResult(response);
        }
        catch (EventStoreDbException error) when (error.Failure is EventStoreDbFailure.WrongExpectedVersion wrong)
        {
            return new AppendResult.WrongExpectedVersion(wrong.ActualVersion);
        }
    }

    /// <summary>
    /// Every event of the stream in order; empty when it does not exist. Read on the leader: a stream is read to
    /// decide on it, and a follower may not hold the last write yet.
    /// </summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string stream, CancellationToken ct)
    {
        try
        {
            return await CallStreamsAsync($"read {stream}", requiresLeader: true, async (streams, options) =>
            {
                using var call = streams.Read(EventStoreDbRequests.ReadStream(stream), options);
                var events = new List<RecordedEvent>();
                await foreach (var response in call.ResponseStream.ReadAllAsync(options.CancellationToken))
                {
                    if (response.ContentCase == ReadResp.ContentOneofCase.StreamNotFound)
                        return [];
                    if (response.ContentCase == ReadResp.ContentOneofCase.Event)
                        events.Add(EventStoreDbResponses.ToRecordedEvent(response.Event.Event));
                }
                return events;
            }, ct);
        }
        catch (EventStoreDbException error) when (error.Failure is EventStoreDbFailure.StreamNotFound)
        {
            return [];
        }
    }

    /// <summary>Up to <paramref name="maxCount"/> matching events strictly after <paramref name="after"/>, system events left out.</summary>
    public Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(
        LogPosition? after, int maxCount, string streamPrefix, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        // A read starts at the position it is given, so the event at `after` may come back first: ask for one more.
        var count = (ulong)maxCount + (after is null ? 0UL : 1UL);
        var prefix = Encoding.UTF8.GetBytes(streamPrefix);
        return CallStreamsAsync<IReadOnlyList<RecordedEvent>>("read $all", ReadsRequireLeader, async (streams, options) =>
        {
            using var call = streams.Read(EventStoreDbRequests.ReadAll(after, count, streamPrefix), options);
            var events = new List<RecordedEvent>(maxCount);
            await foreach (var response in call.ResponseStream.ReadAllAsync(options.CancellationToken))
            {
                if (response.ContentCase == ReadResp.ContentOneofCase.Event
                    && IsDeliverable(response.Event.Event, after, prefix)
                    && events.Count < maxCount)
                    events.Add(EventStoreDbResponses.ToRecordedEvent(response.Event.Event));
            }
            return events;
        }, ct);
    }

    /// <summary>
    /// One catch-up subscription to $all: history after <paramref name="after"/>, then live events, until the
    /// call ends or fails (failures surface as <see cref="EventStoreDbException"/>).
    /// </summary>
    public async IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(
        LogPosition? after, string streamPrefix, [EnumeratorCancellation] CancellationToken ct)
    {
        var prefix = Encoding.UTF8.GetBytes(streamPrefix);
        var node = await _nodes.ResolveAsync(ReadsRequireLeader, ct);
        using var call = new Streams.StreamsClient(node.Channel).Read(
            EventStoreDbRequests.SubscribeToAll(after, streamPrefix), CallOptions(ReadsRequireLeader, withDeadline: false, ct));
        while (await NextAsync(node, call.ResponseStream, ct))
        {
            var response = call.ResponseStream.Current;
            if (response.ContentCase == ReadResp.ContentOneofCase.Event && IsDeliverable(response.Event.Event, after, prefix))
                yield return EventStoreDbResponses.ToRecordedEvent(response.Event.Event);
        }
    }

    /// <summary>The next message of a server stream, with a failed call turned into a typed failure.</summary>
    public async Task<bool> NextAsync<T>(EventStoreDbNode node, IAsyncStreamReader<T> reader, CancellationToken ct)
    {
        try
        {
            return await reader.MoveNext(ct);
        }
        catch (RpcException error)
        {
            throw Failed(node, error, ct);
        }
    }

    /// <summary>Sends one message on a client stream, with a failed call turned into a typed failure.</summary>
    public async Task WriteAsync<T>(EventStoreDbNode node, IClientStreamWriter<T> writer, T message, CancellationToken ct)
    {
        try
        {
            await writer.WriteAsync(message, ct);
        }
        catch (RpcException error)
        {
            throw Failed(node, error, ct);
        }
    }

    /// <summary>
    /// One authenticated call to the leader, without retries: fails while no leader is reachable or the
    /// credentials are refused. Reading a stream nobody writes is the cheapest such call.
    /// </summary>
    public async Task ProbeLeaderAsync(CancellationToken ct)
    {
        var node = await _nodes.ResolveAsync(requiresLeader: true, ct);
        try
        {
            using var call = new Streams.StreamsClient(node.Channel).Read(
                EventStoreDbRequests.ReadEventAt("orders-readiness-probe", 0), CallOptions(requiresLeader: true, withDeadline: true, ct));
            await foreach (var _ in call.ResponseStream.ReadAllAsync(ct))
            {
            }
        }
        catch (RpcException error)
        {
            var failure = Failed(node, error, ct);
            if (failure is not EventStoreDbException { Failure: EventStoreDbFailure.StreamNotFound })
                throw failure;
        }
    }

    public void Dispose() => _nodes.Dispose();

    /// <summary>
    /// Where an already written event sits. A repeated append of events the stream holds is answered without a
    /// position; the port promises the original result, so the position is read back.
    /// </summary>
    private Task<LogPosition> PositionOfAsync(string stream, ulong revision, CancellationToken ct) =>
        CallStreamsAsync($"read {stream}@{revision}", requiresLeader: true, async (streams, options) =>
        {
            using var call = streams.Read(EventStoreDbRequests.ReadEventAt(stream, revision), options);
            await foreach (var response in call.ResponseStream.ReadAllAsync(options.CancellationToken))
            {
                if (response.ContentCase == ReadResp.ContentOneofCase.Event)
                    return EventStoreDbResponses.ToRecordedEvent(response.Event.Event).Position;
            }
            throw new EventStoreDbException(new EventStoreDbFailure.StreamNotFound(stream));
        }, ct);

    /// <summary>
    /// The server filters by prefix already; the ordinal check here keeps the port's meaning (case-sensitive) whatever
    /// the server's matching. Reads start at their position, subscriptions after it: both deliver strictly after.
    /// </summary>
    private static bool IsDeliverable(ReadResp.Types.ReadEvent.Types.RecordedEvent e, LogPosition? after, byte[] streamPrefix) =>
        !EventStoreDbResponses.IsSystemEvent(e.Metadata)
        && e.StreamIdentifier.StreamName.Span.StartsWith(streamPrefix)
        && (after is not { } previous || new LogPosition(e.CommitPosition, e.PreparePosition) > previous);

    private CallOptions CallOptions(bool requiresLeader, bool withDeadline, CancellationToken ct)
    {
        var callHeaders = _headers;
        if (requiresLeader)
        {
            callHeaders = [.. _headers];
            callHeaders.Add(RequiresLeaderHeader, "true");
        }
        return new(
            headers: callHeaders,
            deadline: withDeadline ? _time.GetUtcNow().UtcDateTime + _settings.DefaultDeadline : null,
            cancellationToken: ct);
    }

    private Task<T> CallStreamsAsync<T>(
        string operation, bool requiresLeader, Func<Streams.StreamsClient, CallOptions, Task<T>> call, CancellationToken ct) =>
        CallAsync(operation, requiresLeader, (node, options) => call(new Streams.StreamsClient(node.Channel), options), ct);

    /// <summary>
    /// Runs one short call on the node it needs, through the retry pipeline: each attempt finds the node afresh, so an
    /// attempt after a node loss or a NotLeader answer goes to the new one.
    /// </summary>
    private async Task<T> CallAsync<T>(
        string operation, bool requiresLeader, Func<EventStoreDbNode, CallOptions, Task<T>> call, CancellationToken ct)
    {
        EventStoreDbException? last = null;
        try
        {
            return await _pipeline.ExecuteAsync(async token =>
            {
                EventStoreDbNode node;
                try
                {
                    node = await _nodes.ResolveAsync(requiresLeader, token);
                }
                catch (EventStoreDbException error)
                {
                    throw last = error;
                }

                try
                {
                    return await call(node, CallOptions(requiresLeader, withDeadline: true, token));
                }
                catch (RpcException error)
                {
                    // A cancelled attempt (the caller gave up, or the budget ran out) ends as a cancellation.
                    var failed = Failed(node, error, token);
                    if (failed is EventStoreDbException typed)
                        last = typed;
                    throw failed;
                }
            }, ct);
        }
        catch (TimeoutRejectedException timeout)
        {
            throw new EventStoreUnavailableException(
                $"EventStoreDB could not {operation} within {Retry.Budget.TotalSeconds:0.#} s: {last?.Failure.ToString() ?? "no answer"}",
                credentialsRefused: false, (Exception?)last ?? timeout);
        }
        catch (EventStoreDbException error) when (error.Failure is EventStoreDbFailure.Unauthenticated or EventStoreDbFailure.AccessDenied)
        {
            throw CredentialsRefused(error);
        }
    }

    public static EventStoreUnavailableException CredentialsRefused(EventStoreDbException error) =>
        new($"EventStoreDB refuses the service's credentials ({error.Failure}); check the user and password in Orders:EventStore:ConnectionString.",
            credentialsRefused: true, error);

    /// <summary>
    /// A call cancelled by its caller ends as <see cref="OperationCanceledException"/>, like any other awaited work;
    /// every other failure as a typed <see cref="EventStoreDbException"/>, after the nodes learned from it (a node
    /// that went away is found again, a leader a node named is followed). (The channel's own option to throw
    /// cancellations can also report a failed call as cancelled, so the distinction is made here.)
    /// </summary>
    private Exception Failed(EventStoreDbNode node, RpcException error, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
            return new OperationCanceledException(error.Message, error, ct);
        var failure = EventStoreDbFailure.From(error);
        _nodes.Observe(node.EndPoint, failure);
        return new EventStoreDbException(failure, error);
    }

    private static SocketsHttpHandler CreateHandler(EventStoreDbSettings settings)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = TimeSpan.FromSeconds(10),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        if (settings.UseTls)
            handler.SslOptions.RemoteCertificateValidationCallback = EventStoreDbCertificates.Validation(settings);
        return handler;
    }
}
