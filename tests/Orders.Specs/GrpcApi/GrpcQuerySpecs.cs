using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Orders.Host.GrpcApi.Contract;
using Orders.Specs.Http;
using static Orders.Specs.GrpcApi.GrpcRequests;

namespace Orders.Specs.GrpcApi;

/// <summary>The two queries read the read side, which follows the log: each spec waits for the projection to catch up.</summary>
[Collection(GrpcHostCollection.Name)]
public sealed class GrpcQuerySpecs(GrpcHost service)
{
    static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(5);
    static readonly DateTimeOffset PaidAt = new(2026, 2, 1, 12, 0, 0, 250, TimeSpan.Zero);

    orderService.orderServiceClient Client => service.Client;

    /// <summary>A word no other spec's items use, so that a search finds only this spec's orders.</summary>
    static string UniqueWord() => "lamp" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Asks again until the answer satisfies <paramref name="done"/>, for at most <see cref="CatchUp"/>.</summary>
    static async Task<T> Eventually<T>(Func<Task<T?>> ask, Func<T, bool> done) where T : class
    {
        var deadline = DateTime.UtcNow + CatchUp;
        while (true)
        {
            if (await ask() is { } answer && done(answer))
                return answer;
            Assert.True(DateTime.UtcNow < deadline, "The read side did not catch up.");
            await Task.Delay(20);
        }
    }

    async Task<Order> OrderOnceProjected(string id, Func<Order, bool> done) =>
        await Eventually(async () =>
        {
            try
            {
                return (await Client.GetOrderByIDAsync(new() { AggregateID = id })).Order;
            }
            catch (RpcException failure) when (failure.StatusCode == StatusCode.NotFound)
            {
                return null;
            }
        }, done);

    Task<SearchRes> Found(string text, long totalCount, long page = 0, long size = 0) =>
        Eventually<SearchRes>(
            async () => await Client.SearchAsync(new() { SearchText = text, Page = page, Size = size }),
            result => result.Pagination.TotalCount == totalCount);

    [Fact]
    public async Task An_order_created_over_gRPC_reads_back_over_GetOrderByID()
    {
        var id = await Client.PlaceOrderAsync(NewOrder(Item("Desk lamp", quantity: 2, price: 12.5), Item("Bulb", price: 3)));
        await Client.PayOrderAsync(Pay(id, "pay-7", PaidAt));

        var order = await OrderOnceProjected(id, o => o.Paid);

        Assert.Equal(id, order.ID);
        Assert.Equal(["Desk lamp", "Bulb"], order.ShopItems.Select(i => i.Title));
        Assert.Equal((2ul, 12.5), (order.ShopItems[0].Quantity, order.ShopItems[0].Price));
        Assert.Equal(28, order.TotalPrice);
        Assert.Equal("alice@example.com", order.AccountEmail);
        Assert.Equal("1 Main St, Springfield", order.DeliveryAddress);
        Assert.Equal(new Payment { ID = "pay-7", Timestamp = Timestamp.FromDateTimeOffset(PaidAt) }, order.Payment);
        Assert.Equal((false, false, false), (order.Submitted, order.Completed, order.Canceled));
        Assert.Null(order.DeliveryTimestamp);
    }

    [Fact]
    public async Task Search_finds_an_order_by_the_start_of_a_word_of_its_items()
    {
        var word = UniqueWord();
        var id = await Client.PlaceOrderAsync(NewOrder(Item($"Brass {word} shade")));

        var result = await Found(word[..^3], totalCount: 1);

        Assert.Equal(id, Assert.Single(result.Orders).ID);
        Assert.Equal(new Pagination { TotalCount = 1, TotalPages = 1, Page = 1, Size = 10, HasMore = false }, result.Pagination);
    }

    [Fact]
    public async Task Search_pages_through_every_match_and_the_last_full_page_has_no_more()
    {
        var word = UniqueWord();
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
            ids.Add(await Client.PlaceOrderAsync(NewOrder(Item($"{word} number {i}"))));

        var first = await Found(word, totalCount: 4, page: 1, size: 2);
        var second = await Found(word, totalCount: 4, page: 2, size: 2);

        Assert.Equal(new Pagination { TotalCount = 4, TotalPages = 2, Page = 1, Size = 2, HasMore = true }, first.Pagination);
        Assert.Equal(new Pagination { TotalCount = 4, TotalPages = 2, Page = 2, Size = 2, HasMore = false }, second.Pagination);
        Assert.Equal(ids.Order(), first.Orders.Concat(second.Orders).Select(o => o.ID).Order());
    }

    [Fact]
    public async Task A_last_page_that_is_not_full_counts_as_a_page()
    {
        var word = UniqueWord();
        for (var i = 0; i < 3; i++)
            await Client.PlaceOrderAsync(NewOrder(Item($"{word} number {i}")));

        var last = await Found(word, totalCount: 3, page: 2, size: 2);

        Assert.Equal(new Pagination { TotalCount = 3, TotalPages = 2, Page = 2, Size = 2, HasMore = false }, last.Pagination);
        Assert.Single(last.Orders);
    }

    [Theory]
    [InlineData(-1, 10, "page")]
    [InlineData(2_147_483_648, 10, "page")]
    [InlineData(1, -1, "size")]
    [InlineData(1, 101, "size")]
    [InlineData(101, 100, "page")]
    [InlineData(1001, 0, "page")]
    public async Task A_page_or_size_out_of_range_is_an_invalid_argument(long page, long size, string field)
    {
        var failure = await FailureOf(() => Client.SearchAsync(new() { SearchText = "lamp", Page = page, Size = size }));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal([field], failure.InvalidFields());
    }

    [Fact]
    public async Task The_page_that_ends_at_the_ten_thousandth_match_is_served()
    {
        var result = await Client.SearchAsync(new() { SearchText = UniqueWord(), Page = 100, Size = 100 });

        Assert.Equal((100, 100), (result.Pagination.Page, result.Pagination.Size));
    }

    [Fact]
    public async Task A_search_hit_is_the_order_GetOrderByID_answers()
    {
        var word = UniqueWord();
        var id = await Client.PlaceOrderAsync(NewOrder(Item($"Brass {word}", quantity: 2, price: 7.25)));
        await Client.PayOrderAsync(Pay(id, "pay-3", PaidAt));
        await Client.CancelOrderAsync(new() { AggregateID = id, CancelReason = "found a cheaper one" });

        var order = await OrderOnceProjected(id, o => o.Canceled);
        var found = await Eventually<SearchRes>(
            async () => await Client.SearchAsync(new() { SearchText = word }),
            result => result.Orders.Any(o => o.Canceled));

        Assert.Equal(order, Assert.Single(found.Orders));
        Assert.Equal(("pay-3", "found a cheaper one"), (order.Payment.ID, order.CancelReason));
    }

    [Fact]
    public async Task HTTP_and_gRPC_agree_on_the_same_order()
    {
        var word = UniqueWord();
        var id = await service.Host.CreateOrderAsync(OrderRequests.NewOrder(OrderRequests.Item(title: $"Lamp {word}", quantity: 3, price: 4.5m)));
        await Client.PayOrderAsync(Pay(id.ToString(), "pay-9", PaidAt));
        var submitted = await (await service.Host.SubmitAsync(id)).AnswerAsync();

        var order = await OrderOnceProjected(id.ToString(), o => o.Submitted);
        var found = await Found(word, totalCount: 1);

        Assert.Equal(2, submitted.Version);
        Assert.Equal((true, true, "pay-9"), (order.Paid, order.Submitted, order.Payment.ID));
        Assert.Equal(($"Lamp {word}", 3ul, 4.5), (order.ShopItems[0].Title, order.ShopItems[0].Quantity, order.ShopItems[0].Price));
        var hit = Assert.Single(found.Orders);
        Assert.Equal((id.ToString(), 13.5, true, true), (hit.ID, hit.TotalPrice, hit.Paid, hit.Submitted));
    }
}
