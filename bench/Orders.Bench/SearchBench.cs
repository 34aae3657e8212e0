using System.Diagnostics;

namespace Orders.Bench;

/// <summary>
/// SPEC §8 fourth target: search latency over the seeded orders, through HTTP, open loop at a fixed rate. Half the
/// queries are phrase prefixes taken from the catalogue (a colour, the start of a product, a whole title, the
/// start of a description phrase: from a few hundred matches to tens of thousands), half are pages of the
/// newest-first listing with an empty search (pages 1 to 50, 10 or 20 a page).
/// </summary>
public sealed class SearchBench(ChildHost host)
{
    const double TargetP99Milliseconds = 20;
    const int MaxInFlight = 256;

    static readonly string[] Phrases =
    [
        .. Catalogue.Colours.Select(c => c.ToLowerInvariant()),
        .. Catalogue.Products.Select(p => p[..Math.Min(4, p.Length)]),
        .. Catalogue.Colours.Zip(Catalogue.Products, (c, p) => $"{c} {p}"),
        .. Catalogue.Colours.Zip(Catalogue.Products.Reverse(), (c, p) => $"{c} {p[..Math.Min(3, p.Length)]}"),
        "stainless st", "hand made", "waterproof sh", "medium ro", "gift wrap", "machine wash",
    ];

    Latencies _phrase = new();
    Latencies _empty = new();
    Latencies _all = new();

    public async Task RunAsync(int orders, double perSecond, TimeSpan warmup, TimeSpan duration, Report report)
    {
        using var client = LoadGenerator.Client(host.Address, MaxInFlight);
        await OpenLoop.RunAsync(perSecond, warmup, MaxInFlight, due => QueryAsync(client, due));
        (_phrase, _empty, _all) = (new Latencies(), new Latencies(), new Latencies());
        var run = await OpenLoop.RunAsync(perSecond, duration, MaxInFlight, due => QueryAsync(client, due));

        var all = _all.Stats("all queries", run.Seconds);
        report.Add($"Search over {orders:N0} orders at {perSecond:N0} queries/s (open loop, through HTTP)", [
            report.Check($"search p99 over {orders:N0} orders", $"{all.P99:N1} ms (p50 {all.P50:N1} ms)",
                "≤ 20 ms over 100,000 orders", all.P99 <= TargetP99Milliseconds && all.Errors == 0 && orders >= 100_000),
            all.ToString(),
            _phrase.Stats("phrase-prefix queries", run.Seconds).ToString(),
            _empty.Stats("empty search, newest first", run.Seconds).ToString(),
            $"{run.Skipped:N0} queries skipped as over {MaxInFlight} in flight",
        ]);
    }

    async Task QueryAsync(HttpClient client, long due)
    {
        var phrase = Random.Shared.Next(2) == 0;
        var query = phrase
            ? $"/api/v1/orders/search?search={Uri.EscapeDataString(Phrases[Random.Shared.Next(Phrases.Length)])}&page=1&size=10"
            : $"/api/v1/orders/search?page={Random.Shared.Next(1, 51)}&size={(Random.Shared.Next(2) == 0 ? 10 : 20)}";
        var latencies = phrase ? _phrase : _empty;
        try
        {
            using var response = await client.GetAsync(query);
            await response.Content.LoadIntoBufferAsync();
            var took = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            if (response.IsSuccessStatusCode)
            {
                latencies.Add(took);
                _all.Add(took);
            }
            else
            {
                latencies.Error();
                _all.Error();
            }
        }
        catch (HttpRequestException)
        {
            latencies.Error();
            _all.Error();
        }
    }
}
