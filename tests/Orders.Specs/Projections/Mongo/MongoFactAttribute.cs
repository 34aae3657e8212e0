namespace Orders.Specs.Projections.Mongo;

/// <summary>Where the contract specs find a MongoDB server; without it they are reported as skipped.</summary>
static class MongoServer
{
    public const string Variable = "Orders__Documents__ConnectionString";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public const string SkipReason = $"Needs a MongoDB server: set {Variable} (e.g. mongodb://localhost:27017).";
}

/// <summary>A spec that runs against a real MongoDB server, and is skipped, with the reason, when none is configured.</summary>
public sealed class MongoFactAttribute : FactAttribute
{
    public MongoFactAttribute()
    {
        if (MongoServer.ConnectionString is null)
            Skip = MongoServer.SkipReason;
    }
}
