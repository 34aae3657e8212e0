using Orders.Projections.Search;

namespace Orders.Specs.Projections;

/// <summary>The one rule for search pages, which HTTP, gRPC and every store follow.</summary>
public sealed class SearchPageSpecs
{
    static string[] Refused(long? number, long? size) => SearchPage.Of(number, size).Errors.Select(e => e.Field).ToArray();

    [Fact]
    public void Left_out_the_page_is_the_first_of_ten()
    {
        var (page, errors) = SearchPage.Of(null, null);

        Assert.Empty(errors);
        Assert.Equal((1, 10, 0), (page!.Number, page.Size, page.Offset));
        Assert.Equal(SearchPage.First, page);
    }

    [Theory]
    [InlineData(1L, 100L)]
    [InlineData(100L, 100L)]
    [InlineData(1000L, null)]
    [InlineData(10_000L, 1L)]
    [InlineData(3L, 7L)]
    public void Pages_that_end_within_the_first_ten_thousand_matches_are_served(long number, long? size)
    {
        var (page, errors) = SearchPage.Of(number, size);

        Assert.Empty(errors);
        Assert.True(page!.Offset + page.Size <= SearchPage.ResultWindow);
        Assert.Equal((number - 1) * (size ?? 10), page.Offset);
    }

    [Theory]
    [InlineData(0L, 10L, new[] { "page" })]
    [InlineData(-1L, 10L, new[] { "page" })]
    [InlineData(1L, 0L, new[] { "size" })]
    [InlineData(1L, 101L, new[] { "size" })]
    [InlineData(0L, 101L, new[] { "page", "size" })]
    [InlineData(101L, 100L, new[] { "page" })]
    [InlineData(1001L, null, new[] { "page" })]
    [InlineData(10_001L, 1L, new[] { "page" })]
    [InlineData(long.MaxValue, 100L, new[] { "page" })]
    public void Anything_else_names_the_field_to_fix(long number, long? size, string[] fields)
    {
        Assert.Equal(fields, Refused(number, size));
        Assert.Null(SearchPage.Of(number, size).Page);
    }

    [Theory]
    [InlineData(1L, 0L, 0L, false)]
    [InlineData(1L, 1L, 1L, false)]
    [InlineData(1L, 11L, 2L, true)]
    [InlineData(2L, 20L, 2L, false)]
    [InlineData(2L, 21L, 3L, true)]
    public void Pages_are_counted_and_more_is_said_while_matches_remain(long number, long totalCount, long totalPages, bool hasMore)
    {
        var page = SearchPage.Of(number, 10).Page!;

        Assert.Equal((totalPages, hasMore), (page.TotalPages(totalCount), page.HasMore(totalCount)));
    }
}
