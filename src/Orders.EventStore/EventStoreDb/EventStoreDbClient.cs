using System.Runtime.CompilerServices;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orders.EventStore;
using Orders.EventStore.EventStoreDb.Protocol.Streams;

namespace Orders.EventStore.EventStoreDb;

/// <summary>
/// A typed client for one EventStoreDB node over its public gRPC protocol. Short calls carry the configured
/// deadline and are retried with back-off while the node is unavailable (appends are safe to retry: the event
/// ids make them idempotent); long-lived subscriptions carry no deadline and leave reconnecting to their owner.
/// </summary>
internal sealed class EventStoreDbClient : IDisposable
{
    private readonly EventStoreDbSettings settings;
    private readonly GrpcChannel channel;
    private readonly Streams.StreamsClient streams;
    private readonly Metadata headers;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    /// <param name="handler">Carries the HTTP/2 traffic; by default a socket handler built from the settings.</param>
    public EventStoreDbClient(
        EventStoreDbSettings settings,
        RetryBackoff? backoff = null,
        TimeProvider? time = null,
        ILogger? logger = null,
        HttpMessageHandler? handler = null)
    {
        this.settings = settings;
        Backoff = backoff ?? RetryBackoff.Default;
        this.time = time ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
        channel = GrpcChannel.ForAddress(settings.Address, new GrpcChannelOptions
        {
            HttpHandler = handler ?? CreateHandler(settings),
            DisposeHttpClient = true,
        });
        streams = new Streams.StreamsClient(channel);
        headers = settings.Credentials is { } credentials
            ? new Metadata { { "authorization", credentials.AuthorizationHeader } }
            : [];
    }

    public RetryBackoff Backoff { get; }

    public async Task<AppendResult> AppendAsync(
        string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken ct)
    {
        try
        {
            var response = await WithRetryAsync($"append to {stream}", async () =>
            {
                using var call = streams.Append(CallOptions(withDeadline: true, ct));
                await call.RequestStream.WriteAsync(EventStoreDbRequests.AppendOptions(stream, expected), ct);
                foreach (var e in events)
                    await call.RequestStream.WriteAsync(EventStoreDbRequests.ProposedMessage(e), ct);
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

    /// <summary>Every event of the stream in order; empty when it does not exist.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string stream, CancellationToken ct)
    {
        try
        {
            return await WithRetryAsync($"read {stream}", async () =>
            {
                using var call = streams.Read(EventStoreDbRequests.ReadStream(stream), CallOptions(withDeadline: true, ct));
                var events = new List<RecordedEvent>();
                await foreach (var response in call.ResponseStream.ReadAllAsync(ct))
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
        return WithRetryAsync<IReadOnlyList<RecordedEvent>>("read $all", async () =>
        {
            using var call = streams.Read(EventStoreDbRequests.ReadAll(after, count, streamPrefix), CallOptions(withDeadline: true, ct));
            var events = new List<RecordedEvent>(maxCount);
            await foreach (var response in call.ResponseStream.ReadAllAsync(ct))
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
        using var call = streams.Read(EventStoreDbRequests.SubscribeToAll(after, streamPrefix), CallOptions(withDeadline: false, ct));
        while (await NextAsync(call.ResponseStream, ct))
        {
            var response = call.ResponseStream.Current;
            if (response.ContentCase == ReadResp.ContentOneofCase.Event && IsDeliverable(response.Event.Event, after, prefix))
                yield return EventStoreDbResponses.ToRecordedEvent(response.Event.Event);
        }
    }

    /// <summary>The next message of a server stream, with a failed call turned into a typed failure.</summary>
    public static async Task<bool> NextAsync<T>(IAsyncStreamReader<T> reader, CancellationToken ct)
    {
        try
        {
            return await reader.MoveNext(ct);
        }
        catch (RpcException error)
        {
            throw Failed(error, ct);
        }
    }

    /// <summary>Sends one message on a client stream, with a failed call turned into a typed failure.</summary>
    public static async Task WriteAsync<T>(IClientStreamWriter<T> writer, T message, CancellationToken ct)
    {
        try
        {
            await writer.WriteAsync(message, ct);
        }
        catch (RpcException error)
        {
            throw Failed(error, ct);
        }
    }

    public void Dispose() => channel.Dispose();

    /// <summary>
    /// Where an already written event sits. A repeated append of events the stream holds is answered without a
    /// position; the port promises the original result, so the position is read back.
    /// </summary>
    private Task<LogPosition> PositionOfAsync(string stream, ulong revision, CancellationToken ct) =>
        WithRetryAsync($"read {stream}@{revision}", async () =>
        {
            using var call = streams.Read(EventStoreDbRequests.ReadEventAt(stream, revision), CallOptions(withDeadline: true, ct));
            await foreach (var response in call.ResponseStream.ReadAllAsync(ct))
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

    private CallOptions CallOptions(bool withDeadline, CancellationToken ct) => new(
        headers: headers,
        deadline: withDeadline ? time.GetUtcNow().UtcDateTime + settings.DefaultDeadline : null,
        cancellationToken: ct);

    private async Task<T> WithRetryAsync<T>(string operation, Func<Task<T>> call, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            EventStoreDbFailure failure;
            RpcException error;
            try
            {
                return await call();
            }
            catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled || !ct.IsCancellationRequested)
            {
                (failure, error) = (EventStoreDbFailure.From(e), e);
            }
            catch (RpcException e)
            {
                throw Failed(e, ct);
            }

            if (!failure.IsTransient || attempt >= Backoff.MaxAttempts)
                throw new EventStoreDbException(failure, error);

            var pause = Backoff.Delay(attempt);
            logger.LogWarning("EventStoreDB unavailable during {Operation} (attempt {Attempt}), retrying in {Pause}", operation, attempt, pause);
            await Task.Delay(pause, time, ct);
        }
    }

    /// <summary>
    /// A call cancelled by its caller ends as <see cref="OperationCanceledException"/>, like any other awaited work;
    /// every other failure as a typed <see cref="EventStoreDbException"/>. (The channel's own option to throw
    /// cancellations can also report a failed call as cancelled, so the distinction is made here.)
    /// </summary>
    private static Exception Failed(RpcException error, CancellationToken ct) =>
        error.StatusCode == StatusCode.Cancelled && ct.IsCancellationRequested
            ? new OperationCanceledException(error.Message, error, ct)
            : new EventStoreDbException(EventStoreDbFailure.From(error), error);

    private static SocketsHttpHandler CreateHandler(EventStoreDbSettings settings)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = TimeSpan.FromSeconds(10),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        if (settings.UseTls && !settings.VerifyServerCertificate)
        {
            // The operator asked for it with tlsVerifyCert=false (self-signed development certificates).
#pragma warning disable CA5359
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        return handler;
    }
}
