namespace Orders.Projections;

/// <summary>A pure fold of order events onto one kind of document, as the runner applies it.</summary>
public interface IProjection<TDocument>
    where TDocument : class, IVersionedDocument
{
    /// <summary>Names the projection's checkpoint and parked events.</summary>
    string Name { get; }

    /// <summary>The document after the event; null while the order has no document.</summary>
    TDocument? Apply(TDocument? document, ProjectedEvent @event);
}
