using System.Text;
using Google.Protobuf;
using Orders.EventStore;
using Orders.EventStore.EventStoreDb.Protocol;
using Orders.EventStore.EventStoreDb.Protocol.Streams;
using ReadOptions = Orders.EventStore.EventStoreDb.Protocol.Streams.ReadReq.Types.Options;

namespace Orders.EventStore.EventStoreDb;

/// <summary>The streams-service messages the adapter sends, built in one place so that specs can read them.</summary>
internal static class EventStoreDbRequests
{
    public const string JsonContentType = "application/json";

    /// <summary>Subscriptions report a checkpoint after this many filtered-out events, so a quiet filter still moves.</summary>
    public const uint SubscriptionCheckpointWindow = 32;

    public static AppendReq AppendOptions(string stream, ExpectedRevision expected)
    {
        var options = new AppendReq.Types.Options { StreamIdentifier = StreamIdentifierOf(stream) };
        switch (expected.Expectation)
        {
            case ExpectedRevision.Kind.Exact: options.Revision = expected.Revision; break;
            case ExpectedRevision.Kind.NoStream: options.NoStream = new Empty(); break;
            case ExpectedRevision.Kind.Any: options.Any = new Empty(); break;
            case ExpectedRevision.Kind.StreamExists: options.StreamExists = new Empty(); break;
        }
        return new AppendReq { Options = options };
    }

    public static AppendReq ProposedMessage(EventData data) => new()
    {
        ProposedMessage = new AppendReq.Types.ProposedMessage
        {
            Id = EventStoreDbResponses.ToUuid(data.EventId),
            Metadata = { ["type"] = data.Type, ["content-type"] = JsonContentType },
            CustomMetadata = ByteString.CopyFrom(data.Metadata.Span),
            Data = ByteString.CopyFrom(data.Data.Span),
        },
    };

    /// <summary>Every event of one stream, forwards from its start.</summary>
    public static ReadReq ReadStream(string stream) => new()
    {
        Options = new ReadOptions
        {
            Stream = new ReadOptions.Types.StreamOptions { StreamIdentifier = StreamIdentifierOf(stream), Start = new Empty() },
            ReadDirection = ReadOptions.Types.ReadDirection.Forwards,
            Count = long.MaxValue, // what the official clients send to mean "every event"
            NoFilter = new Empty(),
            UuidOption = StringUuids(),
        },
    };

    /// <summary>The single event of a stream at <paramref name="revision"/>.</summary>
    public static ReadReq ReadEventAt(string stream, ulong revision) => new()
    {
        Options = new ReadOptions
        {
            Stream = new ReadOptions.Types.StreamOptions { StreamIdentifier = StreamIdentifierOf(stream), Revision = revision },
            ReadDirection = ReadOptions.Types.ReadDirection.Forwards,
            Count = 1,
            NoFilter = new Empty(),
            UuidOption = StringUuids(),
        },
    };

    /// <summary>
    /// Up to <paramref name="count"/> events of $all whose stream names start with <paramref name="streamPrefix"/>,
    /// from <paramref name="from"/> inclusive (a read, unlike a subscription, starts at the position it is given).
    /// </summary>
    public static ReadReq ReadAll(LogPosition? from, ulong count, string streamPrefix) => new()
    {
        Options = new ReadOptions
        {
            All = AllFrom(from),
            ReadDirection = ReadOptions.Types.ReadDirection.Forwards,
            Count = count,
            Filter = PrefixFilter(streamPrefix, window: null),
            UuidOption = StringUuids(),
        },
    };

    /// <summary>A catch-up subscription to $all that delivers events strictly after <paramref name="after"/>.</summary>
    public static ReadReq SubscribeToAll(LogPosition? after, string streamPrefix) => new()
    {
        Options = new ReadOptions
        {
            All = AllFrom(after),
            ReadDirection = ReadOptions.Types.ReadDirection.Forwards,
            Subscription = new ReadOptions.Types.SubscriptionOptions(),
            Filter = PrefixFilter(streamPrefix, SubscriptionCheckpointWindow),
            UuidOption = StringUuids(),
        },
    };

    internal static StreamIdentifier StreamIdentifierOf(string stream) =>
        new() { StreamName = ByteString.CopyFrom(stream, Encoding.UTF8) };

    private static ReadOptions.Types.AllOptions AllFrom(LogPosition? position) => position is { } at
        ? new() { Position = new ReadOptions.Types.Position { CommitPosition = at.Commit, PreparePosition = at.Prepare } }
        : new() { Start = new Empty() };

    private static ReadOptions.Types.FilterOptions PrefixFilter(string streamPrefix, uint? window)
    {
        var filter = new ReadOptions.Types.FilterOptions
        {
            StreamIdentifier = new ReadOptions.Types.FilterOptions.Types.Expression { Prefix = { streamPrefix } },
            CheckpointIntervalMultiplier = 1,
        };
        if (window is { } max)
            filter.Max = max;
        else
            filter.Count = new Empty();
        return filter;
    }

    private static ReadOptions.Types.UUIDOption StringUuids() => new() { String = new Empty() };
}
