using Orders.Decider;

namespace Orders.Projections;

/// <summary>
/// A pure fold of an order's events onto one read-model document. The order's state comes from the decider's
/// <see cref="OrderDecider.Evolve"/>, so what each event means is written in one place; a projection only says how
/// its document is read back into that state and how the state is rendered.
/// </summary>
public abstract class OrderProjection<TDocument> : IProjection<TDocument>
    where TDocument : class, IVersionedDocument
{
    public abstract string Name { get; }

    /// <summary>
    /// The document after <paramref name="event"/>. Delivery is at-least-once, so an event at or below the version
    /// the document reflects is ignored. Events before an order's creation leave it absent.
    /// </summary>
    public TDocument? Apply(TDocument? document, ProjectedEvent @event)
    {
        if (document is not null && @event.Version <= document.Version)
            return document;
        var state = document is null ? OrderDecider.Initial : StateOf(document);
        return OrderDecider.Evolve(state, @event.Event) is OrderState.Placed order
            ? Render(order, document, @event)
            : document;
    }

    /// <summary>Every event of one order, in stream order, onto <paramref name="document"/>.</summary>
    public TDocument? Fold(IEnumerable<ProjectedEvent> events, TDocument? document = null) =>
        events.Aggregate(document, Apply);

    /// <summary>The order state the document was rendered from, as far as evolving it further needs.</summary>
    protected abstract OrderState.Placed StateOf(TDocument document);

    protected abstract TDocument Render(OrderState.Placed order, TDocument? previous, ProjectedEvent @event);
}
