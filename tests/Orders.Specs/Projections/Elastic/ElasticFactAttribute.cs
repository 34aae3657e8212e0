namespace Orders.Specs.Projections.Elastic;

/// <summary>Where the contract specs find an Elasticsearch server; without it they are reported as skipped.</summary>
static class ElasticServer
{
    public const string Variable = "Orders__Search__Url";

    public static string? Url => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public const string SkipReason = $"Needs an Elasticsearch server: set {Variable} (e.g. http://localhost:9200).";
}

/// <summary>A spec that runs against a real Elasticsearch server, and is skipped, with the reason, when none is configured.</summary>
public sealed class ElasticFactAttribute : FactAttribute
{
    public ElasticFactAttribute()
    {
        if (ElasticServer.Url is null)
            Skip = ElasticServer.SkipReason;
    }
}

/// <summary>The theory form of <see cref="ElasticFactAttribute"/>.</summary>
public sealed class ElasticTheoryAttribute : TheoryAttribute
{
    public ElasticTheoryAttribute()
    {
        if (ElasticServer.Url is null)
            Skip = ElasticServer.SkipReason;
    }
}
