using Orders.Projections;
using Orders.Projections.Documents;

namespace Orders.Specs.Projections.Contracts;

/// <summary>The order documents' store: the projection store's contract, and the query GET reads.</summary>
public abstract class OrderDocumentStoreContract : ProjectionStoreContract<OrderDocument>
{
    protected override OrderProjection<OrderDocument> Projection => OrderDocumentProjection.Instance;

    IOrderQueries Queries => (IOrderQueries)Store;

    protected override OrderDocument Document(Guid orderId, long version, string title) =>
        TestDocuments.Pending(orderId, Monday, version, new ShopItemDocument("sku-1", title, "Cotton, slim fit", 2, 19.99m)) with
        {
            UpdatedAt = Monday.AddMinutes(version),
        };

    /// <summary>Every field set, with exact money, sub-millisecond timestamps and a non-UTC offset.</summary>
    [SkippableFact]
    public async Task The_query_reads_every_field_back_exactly_as_stored()
    {
        var document = TestDocuments.EveryFieldSet(Guid.NewGuid(), Monday);

        await CommitAsync([document]);

        Assert.Equal(Json(document), Json(await Queries.GetAsync(document.OrderId)));
        Assert.Null(await Queries.GetAsync(Guid.NewGuid()));
    }
}
