namespace Orders.Specs.EventStoreDb;

/// <summary>
/// A fact that runs against a real EventStoreDB when <c>Orders__EventStore__ConnectionString</c> is set, and is
/// reported as skipped, by name, when it is not.
/// </summary>
public sealed class EventStoreDbServerFactAttribute : FactAttribute
{
    public const string Variable = "Orders__EventStore__ConnectionString";

    public EventStoreDbServerFactAttribute()
    {
        if (ConnectionString is null)
            Skip = $"needs an EventStoreDB server (set {Variable})";
    }

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;
}
