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
    Dictionary<Guid, TDocument> current = [];
    Dictionary<Guid, TDocument> previous = [];

    public bool TryGet(Guid orderId, out TDocument document) =>
        current.TryGetValue(orderId, out document!) || previous.TryGetValue(orderId, out document!);

    public void Put(TDocument document)
    {
        if (current.Count >= capacity / 2)
        {
            previous = current;
            current = new Dictionary<Guid, TDocument>(capacity / 2);
        }
        current[document.OrderId] = document;
    }

    public void Clear()
    {
        current = [];
        previous = [];
    }
}
