namespace Orders.Projections.Search;

/// <summary>Reads the search index; the read side of <c>GET /api/v1/orders/search</c>.</summary>
public interface ISearchQueries
{
    /// <summary>
    /// Orders whose item titles or descriptions match <paramref name="text"/> as a phrase whose last word is a
    /// prefix (Elasticsearch's <c>match_phrase_prefix</c>), case-insensitively; every order when the text is empty.
    /// Newest first (createdAt descending, then id), so pages are stable. <paramref name="page"/> counts from 1.
    /// </summary>
    Task<SearchResult> SearchAsync(string? text, int page, int size, CancellationToken ct = default);
}

public sealed record SearchResult(long TotalCount, IReadOnlyList<SearchDocument> Items);
