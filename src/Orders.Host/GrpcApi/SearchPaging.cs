using LanguageExt;
using Orders.Decider;
using Orders.Projections.Sqlite;
using static LanguageExt.Prelude;

namespace Orders.Host.GrpcApi;

/// <summary>
/// A search's page and size as the API promises them: page ≥ 1 (default 1), 1 ≤ size ≤ 100 (default 10). proto3
/// cannot tell a zero from a field left out, so zero asks for the default.
/// </summary>
public sealed record SearchPaging(int Page, int Size)
{
    public const int DefaultSize = 10;
    public const int MaxSize = SqliteSearchStore.MaxPageSize;

    public static (SearchPaging Paging, Seq<FieldError> Errors) From(long page, long size)
    {
        var errors = Check(page is >= 0 and <= int.MaxValue, "page", "Must be at least 1.")
            + Check(size is >= 0 and <= MaxSize, "size", $"Must be between 1 and {MaxSize}.");
        return (new SearchPaging(page == 0 ? 1 : (int)page, size == 0 ? DefaultSize : (int)size), errors);
    }

    public long TotalPages(long totalCount) => (totalCount + Size - 1) / Size;

    public bool HasMore(long totalCount) => (long)Page * Size < totalCount;

    static Seq<FieldError> Check(bool valid, string field, string message) =>
        valid ? Empty : Seq1(new FieldError(field, message));
}
