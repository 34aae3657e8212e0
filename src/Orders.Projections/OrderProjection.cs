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

    /// <summary>
    /// What applying each event in turn gives, with the document read back into state once and rendered once
    /// (twice for a new order: the creation fixes createdAt), as catching up folds many events per order.
    /// </summary>
    public TDocument? Fold(IEnumerable<ProjectedEvent> events, TDocument? document = null)
    {
        OrderState state = document is null ? OrderDecider.Initial : StateOf(document);
        var version = document?.Version ?? -1;
        ProjectedEvent? unrendered = null;
        foreach (var @event in events)
        {
            if (document is not null && @event.Version <= version)
                continue;
            state = OrderDecider.Evolve(state, @event.Event);
            if (state is not OrderState.Placed order)
                continue;
            if (document is null)
                document = Render(order, previous: null, @event);
            else
                unrendered = @event;
            version = @event.Version;
        }
        return unrendered is not null ? Render((OrderState.Placed)state, document, unrendered) : document;
    }

    /// <summary>The order state the document was rendered from, as far as evolving it further needs.</summary>
    protected abstract OrderState.Placed StateOf(TDocument document);

    /// <summary>
    /// The document for the state after <paramref name="event"/>. <paramref name="previous"/> is an earlier document
    /// of the same order, if any, and gives only what the events do not carry: when the order was created.
    /// </summary>
    protected abstract TDocument Render(OrderState.Placed order, TDocument? previous, ProjectedEvent @event);
}
