namespace Orders.EventStore;

/// <summary>
/// The event log both sides of the service stand on: the command side appends to and reads single streams, the
/// projections read the whole log in order. Each adapter (SQLite, EventStoreDB) passes the same contract suite.
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// Appends <paramref name="events"/> to a stream if it is at <paramref name="expected"/>. Re-appending events
    /// whose ids the stream already holds at the same place succeeds without writing them again.
    /// </summary>
    Task<AppendResult> AppendAsync(
        string streamId, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken ct = default);

    /// <summary>Every event of a stream, in order; empty when the stream does not exist.</summary>
    Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, CancellationToken ct = default);

    /// <summary>
    /// Up to <paramref name="maxCount"/> events of streams whose names start with <paramref name="streamPrefix"/>,
    /// strictly after <paramref name="after"/> (from the start of the log when null), in log order.
    /// </summary>
    Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(
        LogPosition? after, int maxCount, string streamPrefix, CancellationToken ct = default);

    /// <summary>
    /// Catches up from <paramref name="after"/>, then delivers new events as they are appended, until cancelled.
    /// Positions strictly increase. <paramref name="after"/> is a projection's checkpoint (the last event it
    /// applied), so resuming from it delivers only what it has not applied; when the store fails the enumeration
    /// throws, and the projection runner subscribes again from its checkpoints.
    /// </summary>
    IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(LogPosition? after, string streamPrefix, CancellationToken ct);
}

/// <summary>
/// A place in the whole log. EventStoreDB gives a commit and a prepare position; a store with a single sequence
/// uses the same number for both.
/// </summary>
public readonly record struct LogPosition(ulong Commit, ulong Prepare) : IComparable<LogPosition>
{
    public static LogPosition Of(ulong sequence) => new(sequence, sequence);

    public int CompareTo(LogPosition other) =>
        Commit != other.Commit ? Commit.CompareTo(other.Commit) : Prepare.CompareTo(other.Prepare);

    public static bool operator <(LogPosition left, LogPosition right) => left.CompareTo(right) < 0;
    public static bool operator >(LogPosition left, LogPosition right) => left.CompareTo(right) > 0;
    public static bool operator <=(LogPosition left, LogPosition right) => left.CompareTo(right) <= 0;
    public static bool operator >=(LogPosition left, LogPosition right) => left.CompareTo(right) >= 0;

    public override string ToString() => Commit == Prepare ? $"{Commit}" : $"{Commit}/{Prepare}";
}

/// <summary>The version a stream must be at for an append to go through. Versions start at 0.</summary>
public readonly record struct ExpectedVersion(long Value)
{
    public static readonly ExpectedVersion NoStream = new(-1);
    public static readonly ExpectedVersion Any = new(-2);

    public static ExpectedVersion Exactly(long version) =>
        version >= 0 ? new(version) : throw new ArgumentOutOfRangeException(nameof(version));

    /// <summary>What a reader that loaded a stream at <paramref name="version"/> (-1: no stream) expects.</summary>
    public static ExpectedVersion At(long version) => version < 0 ? NoStream : Exactly(version);

    /// <summary>What a reader that loaded <paramref name="eventCount"/> events expects.</summary>
    public static ExpectedVersion After(int eventCount) => eventCount == 0 ? NoStream : Exactly(eventCount - 1);

    public override string ToString() => Value switch { -1 => "no stream", -2 => "any", _ => $"{Value}" };
}

/// <summary>An event to append. The id makes a retried append idempotent.</summary>
public sealed record EventData(Guid EventId, string Type, ReadOnlyMemory<byte> Data, ReadOnlyMemory<byte> Metadata);

/// <summary>An event as the log holds it.</summary>
public sealed record RecordedEvent(
    string StreamId,
    long StreamVersion,
    LogPosition Position,
    Guid EventId,
    string Type,
    ReadOnlyMemory<byte> Data,
    ReadOnlyMemory<byte> Metadata,
    DateTimeOffset Created);

public abstract record AppendResult
{
    private AppendResult() { }

    /// <summary><paramref name="Version"/> is the stream's version after the append: its last event's.</summary>
    public sealed record Appended(long Version, LogPosition Position) : AppendResult;

    /// <summary>The stream was not where the caller expected; <paramref name="ActualVersion"/> is -1 for no stream.</summary>
    public sealed record WrongExpectedVersion(long ActualVersion) : AppendResult;
}
