namespace Orders.Projections;

/// <summary>A pure fold of order events onto one kind of document, as the runner applies it.</summary>
public interface IProjection<TDocument>
    where TDocument : class, IVersionedDocument
{
    /// <summary>Names the projection's checkpoint and parked events.</summary>
    string Name { get; }

    /// <summary>The document after the event; null while the order has no document.</summary>
    TDocument? Apply(TDocument? document, ProjectedEvent @event);

    /// <summary>Every event of one order, in stream order, onto <paramref name="document"/>: what applying each in turn gives.</summary>
    TDocument? Fold(IEnumerable<ProjectedEvent> events, TDocument? document = null);
}
