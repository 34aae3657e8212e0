namespace Orders.Projections;

/// <summary>A read-model document: one per order, remembering the stream version it reflects.</summary>
public interface IVersionedDocument
{
    Guid OrderId { get; }

    long Version { get; }
}
