namespace Orders.Projections.Runner;

/// <summary>
/// The documents a read model wrote lately, so that an order whose events span consecutive batches (the usual
/// case while catching up) is not read back and parsed from the store each time. Bounded by keeping two
/// generations: when the current one is full, it becomes the previous and the old previous is dropped.
/// Holds only what was committed, and is right only while the read model is its store's one writer.
/// </summary>
sealed class DocumentCache<TDocument>(int capacity)
    where TDocument : class, IVersionedDocument
{
    Dictionary<Guid, TDocument> _current = [];
    Dictionary<Guid, TDocument> _previous = [];

    public bool TryGet(Guid orderId, out TDocument document) =>
        _current.TryGetValue(orderId, out document!) || _previous.TryGetValue(orderId, out document!);

    public void Put(TDocument document)
    {
        if (_current.Count >= capacity / 2)
        {
            _previous = _current;
            _current = new Dictionary<Guid, TDocument>(capacity / 2);
        }
        _current[document.OrderId] = document;
    }

    public void Clear()
    {
        _current = [];
        _previous = [];
    }
}
