using System.Diagnostics;
using LanguageExt;
using Orders.Decider;

namespace Orders.EventStore;

/// <summary>How one domain's events are stored: a type name and data bytes, both ways.</summary>
/// <param name="Decode">Null for a type the domain does not know: other writers may share the store.</param>
public sealed record EventCodec<TEvent>(
    Func<TEvent, string> TypeOf,
    Func<TEvent, ReadOnlyMemory<byte>> Encode,
    Func<string, ReadOnlyMemory<byte>, TEvent?> Decode)
    where TEvent : class;

/// <summary>What the caller knows about the stream before deciding.</summary>
/// <param name="StartsStream">The command creates the stream: decide on the initial state without reading, and let
/// the append's no-stream check confirm it (a stream that does exist is loaded on the retry).</param>
/// <param name="PinnedVersion">The caller decided on this version (If-Match): no re-decide, a mismatch is reported.</param>
public readonly record struct StreamExpectation(bool StartsStream = false, long? PinnedVersion = null);

/// <summary>Every way a transaction ends.</summary>
public abstract record TransactResult<TError>
{
    private TransactResult() { }

    /// <summary><paramref name="Version"/> is the stream's version afterwards, unchanged when nothing was appended.</summary>
    public sealed record Decided(long Version, IReadOnlyList<EventData> Appended) : TransactResult<TError>;

    public sealed record Rejected(TError Error) : TransactResult<TError>;

    /// <summary>The caller pinned a version that is not the stream's.</summary>
    public sealed record VersionMismatch(long ActualVersion) : TransactResult<TError>;

    /// <summary>Other writers kept changing the stream through every re-decide.</summary>
    public sealed record Conflict : TransactResult<TError>;
}

/// <summary>
/// The one place that transacts against the log: load the stream, fold it, decide, append at the version that was
/// loaded; when another writer got there first, load and decide again, up to <paramref name="maxAttempts"/> times.
/// </summary>
/// <param name="metadata">The metadata stored with each appended event (the trace context, say), read per append.</param>
public sealed class EventSourcedDecider<TCommand, TEvent, TState, TError>(
    IEventStore store,
    Decider<TCommand, TEvent, TState, TError> decider,
    EventCodec<TEvent> codec,
    Func<ReadOnlyMemory<byte>> metadata,
    int maxAttempts = 3)
    where TEvent : class
{
    static readonly ActivitySource Source = new("Orders");

    public int MaxAttempts => maxAttempts;

    public async Task<TransactResult<TError>> TransactAsync(
        string streamId, TCommand command, StreamExpectation expectation, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (state, version) = expectation.StartsStream && attempt == 1 && expectation.PinnedVersion is null
                ? (decider.Initial, -1L)
                : await LoadAsync(streamId, ct);
            if (expectation.PinnedVersion is { } pinned && pinned != version)
                return new TransactResult<TError>.VersionMismatch(version);

            var decision = Decide(command, state);
            if (decision.Case is TError error)
                return new TransactResult<TError>.Rejected(error);
            var events = (Seq<TEvent>)decision.Case!;
            if (events.IsEmpty)
                return new TransactResult<TError>.Decided(version, []);

            var (result, data) = await AppendAsync(streamId, ExpectedVersion.At(version), events, ct);
            switch (result)
            {
                case AppendResult.Appended appended:
                    return new TransactResult<TError>.Decided(appended.Version, data);
                case AppendResult.WrongExpectedVersion wrong when expectation.PinnedVersion is not null:
                    return new TransactResult<TError>.VersionMismatch(wrong.ActualVersion);
                case AppendResult.WrongExpectedVersion when attempt >= maxAttempts:
                    return new TransactResult<TError>.Conflict();
            }
        }
    }

    /// <summary>The stream's state and version (-1 when it does not exist).</summary>
    public async Task<(TState State, long Version)> LoadAsync(string streamId, CancellationToken ct)
    {
        using var activity = Source.StartActivity("load");
        var recorded = await store.ReadStreamAsync(streamId, ct);
        var state = decider.Fold(recorded.Select(e => codec.Decode(e.Type, e.Data)).OfType<TEvent>());
        return (state, recorded.Count == 0 ? -1 : recorded[^1].StreamVersion);
    }

    Either<TError, Seq<TEvent>> Decide(TCommand command, TState state)
    {
        using var activity = Source.StartActivity("decide");
        return decider.Decide(command, state);
    }

    async Task<(AppendResult, List<EventData>)> AppendAsync(
        string streamId, ExpectedVersion expected, Seq<TEvent> events, CancellationToken ct)
    {
        // Inside the span, so that the metadata's trace context names the append.
        using var activity = Source.StartActivity("append");
        var meta = metadata();
        var data = events
            .Select(e => new EventData(Guid.CreateVersion7(), codec.TypeOf(e), codec.Encode(e), meta))
            .ToList();
        return (await store.AppendAsync(streamId, expected, data, ct), data);
    }
}
