namespace Orders.Bench;

/// <param name="Concurrency">Requests in flight in the closed-loop create-order runs.</param>
/// <param name="Window">One measured window of create-order load: the cold one starts at ready.</param>
/// <param name="WarmAfter">When, after ready, the warm window of create-order load starts (the host loaded throughout).</param>
/// <param name="CatchUpEvents">The least events in the catch-up log.</param>
/// <param name="ServedOrders">Orders in the log the host serves for search and read-your-writes.</param>
/// <param name="SearchRate">Search queries started per second.</param>
/// <param name="CommandRate">Commands started per second in the read-your-writes run.</param>
public sealed record BenchOptions(
    int Concurrency, TimeSpan Warmup, TimeSpan Duration, TimeSpan Window, TimeSpan WarmAfter, int CatchUpEvents, int ServedOrders, double SearchRate, double CommandRate)
{
    public static BenchOptions Full { get; } = new(64, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), 100_000, 100_000, 10, 1_000);

    /// <summary>A smoke run: every section, smaller and shorter.</summary>
    public static BenchOptions Quick { get; } = new(64, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), 5_000, 2_000, 10, 1_000);

    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Orders.sln")))
            folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }
}
