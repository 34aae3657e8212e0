using Orders.EventStore;

namespace Orders.EventStore.EventStoreDb;

/// <summary>The four expectations EventStoreDB can check before an append.</summary>
internal readonly record struct ExpectedRevision
{
    public enum Kind { Exact, NoStream, Any, StreamExists }

    private ExpectedRevision(Kind expectation, ulong revision) => (Expectation, Revision) = (expectation, revision);

    public Kind Expectation { get; }

    /// <summary>Meaningful only when <see cref="Expectation"/> is <see cref="Kind.Exact"/>.</summary>
    public ulong Revision { get; }

    public static ExpectedRevision NoStream { get; } = new(Kind.NoStream, 0);
    public static ExpectedRevision Any { get; } = new(Kind.Any, 0);
    public static ExpectedRevision StreamExists { get; } = new(Kind.StreamExists, 0);
    public static ExpectedRevision Exactly(ulong revision) => new(Kind.Exact, revision);

    public static ExpectedRevision From(ExpectedVersion expected) => expected.Value switch
    {
        >= 0 => Exactly((ulong)expected.Value),
        -1 => NoStream,
        -2 => Any,
        _ => throw new ArgumentOutOfRangeException(nameof(expected), expected.Value, "Not an expected version."),
    };

    public override string ToString() => Expectation == Kind.Exact ? $"{Revision}" : $"{Expectation}";
}
