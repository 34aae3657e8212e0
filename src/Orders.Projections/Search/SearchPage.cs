using System.Globalization;
using Orders.Decider;

namespace Orders.Projections.Search;

/// <summary>
/// One page of a search, the same on every store and on HTTP and gRPC alike: page numbers count from 1, a page holds
/// 1 to <see cref="MaxSize"/> orders (<see cref="DefaultSize"/> unless asked), and no page reaches past the
/// <see cref="ResultWindow"/>th match. The last limit is Elasticsearch's <c>index.max_result_window</c>, which refuses
/// any <c>from + size</c> beyond it; the embedded store keeps the same limit, so a client meets one rule wherever
/// the index lives, and a deep page is refused as invalid input rather than failing in the store.
/// </summary>
public sealed record SearchPage
{
    public const int DefaultSize = 10;
    public const int MaxSize = 100;
    public const int ResultWindow = 10_000;

    SearchPage(int number, int size)
    {
        Number = number;
        Size = size;
    }

    public static SearchPage First { get; } = new(1, DefaultSize);

    /// <summary>The page number, from 1.</summary>
    public int Number { get; }

    public int Size { get; }

    /// <summary>How many matches come before this page; with <see cref="Size"/>, at most <see cref="ResultWindow"/>.</summary>
    public int Offset => (Number - 1) * Size;

    /// <summary>
    /// The page with this number and size (null asks for the default), or every field that is out of range, each
    /// with a message for the client.
    /// </summary>
    public static (SearchPage? Page, IReadOnlyList<FieldError> Errors) Of(long? number, long? size)
    {
        var errors = new List<FieldError>();
        if (number is < 1)
            errors.Add(new FieldError("page", "Must be a whole number, 1 or more."));
        if (size is < 1 or > MaxSize)
            errors.Add(new FieldError("size", $"Must be a whole number from 1 to {MaxSize}."));
        var pageSize = (int)(size ?? DefaultSize);
        if (errors.Count == 0 && (number ?? 1) > ResultWindow / pageSize)
            errors.Add(new FieldError("page", string.Create(CultureInfo.InvariantCulture,
                $"Pages reach at most the {ResultWindow}th match (page × size ≤ {ResultWindow}); narrow the search to see later ones.")));
        return errors.Count > 0 ? (null, errors) : (new SearchPage((int)(number ?? 1), pageSize), errors);
    }

    public long TotalPages(long totalCount) => (totalCount + Size - 1) / Size;

    public bool HasMore(long totalCount) => (long)Number * Size < totalCount;
}
