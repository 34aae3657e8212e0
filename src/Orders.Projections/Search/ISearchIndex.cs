using Orders.Projections.Documents;

namespace Orders.Projections.Search;

/// <summary>
/// A store of the search projection (<see cref="OrderDocumentProjection.Search"/>) that also answers searches over
/// what it keeps: the runner writes through it, the API reads through it.
/// </summary>
public interface ISearchIndex : IProjectionStore<OrderDocument>, ISearchQueries;
