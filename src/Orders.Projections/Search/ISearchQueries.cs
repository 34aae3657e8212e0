using Orders.Projections.Documents;

namespace Orders.Projections.Search;

/// <summary>Reads the search index; the read side of <c>GET /api/v1/orders/search</c>.</summary>
public interface ISearchQueries
{
    /// <summary>
    /// Orders whose item titles or descriptions match <paramref name="text"/> as a phrase whose last word is a
    /// prefix (Elasticsearch's <c>match_phrase_prefix</c>), case-insensitively; every order when the text is empty.
    /// Newest first (createdAt descending, then id), so pages are stable.
    /// </summary>
    Task<SearchResult> SearchAsync(string? text, SearchPage page, CancellationToken ct = default);
}

/// <summary>How many orders match, and the requested page of them as order documents.</summary>
public sealed record SearchResult(long TotalCount, IReadOnlyList<OrderDocument> Orders);
