namespace Orders.Projections.Documents;

/// <summary>Reads the order documents; the read side of <c>GET /api/v1/orders/{id}</c>.</summary>
public interface IOrderQueries
{
    /// <summary>Null when no document exists for the order (yet).</summary>
    Task<OrderDocument?> GetAsync(Guid orderId, CancellationToken ct = default);
}
