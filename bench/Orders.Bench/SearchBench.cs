using System.Diagnostics;

namespace Orders.Bench;

/// <summary>
/// SPEC §8 fourth target: search latency over the seeded orders, through HTTP: first open loop at a fixed rate,
/// then one query at a time, which is the figure judged (the SPEC names no rate, so the cost of a query itself). Half the
/// queries are phrase prefixes taken from the catalogue (a colour, the start of a product, a whole title, the
/// start of a description phrase: from a few hundred matches to tens of thousands), half are pages of the
/// newest-first listing with an empty search (pages 1 to 50, 10 or 20 a page).
/// </summary>
public sealed class SearchBench(ChildHost host)
{
    const double TargetP99Milliseconds = 20;
    const int MaxInFlight = 256;
    const int OneAtATimeQueries = 400;

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
        var phrases = _phrase.Stats("phrase-prefix queries", run.Seconds);
        var empties = _empty.Stats("empty search, newest first", run.Seconds);
        var cpuBefore = host.ProcessorTime();
        var (alone, phraseAlone, emptyAlone) = await OneAtATimeAsync(client);
        var cpuPerQuery = (host.ProcessorTime() - cpuBefore).TotalMilliseconds / alone.Requests;
        report.Add($"Search over {orders:N0} orders (through HTTP)", [
            report.Check($"search p99 over {orders:N0} orders, one query at a time", $"{alone.P99:N1} ms (p50 {alone.P50:N1} ms)",
                "≤ 20 ms over 100,000 orders", alone.P99 <= TargetP99Milliseconds && alone.Errors == 0 && orders >= 100_000),
            $"one query at a time ({OneAtATimeQueries} queries, half of each kind), the figure judged: the cost of a query without queueing; host processor time {cpuPerQuery:N1} ms a query",
            "  " + alone,
            "  " + phraseAlone,
            "  " + emptyAlone,
            $"open loop at {perSecond:N0} queries/s, the same mix ({run.Skipped:N0} skipped as over {MaxInFlight} in flight):",
            "  " + all,
            "  " + phrases,
            "  " + empties,
        ]);
    }

    async Task<(LoadStats All, LoadStats Phrase, LoadStats Empty)> OneAtATimeAsync(HttpClient client)
    {
        (_phrase, _empty, _all) = (new Latencies(), new Latencies(), new Latencies());
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < OneAtATimeQueries; i++)
            await QueryAsync(client, Stopwatch.GetTimestamp(), phrase: i % 2 == 0);
        var seconds = clock.Elapsed.TotalSeconds;
        return (_all.Stats("all queries", seconds), _phrase.Stats("phrase-prefix", seconds), _empty.Stats("empty search", seconds));
    }

    Task QueryAsync(HttpClient client, long due) => QueryAsync(client, due, phrase: Random.Shared.Next(2) == 0);

    async Task QueryAsync(HttpClient client, long due, bool phrase)
    {
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
