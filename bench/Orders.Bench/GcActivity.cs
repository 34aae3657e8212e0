using System.Globalization;

namespace Orders.Bench;

/// <summary>
/// What the host's garbage collector has done, read from the runtime metrics the host serves at <c>/metrics</c>:
/// bytes allocated, collections of each generation, and the time every thread stood still for them.
/// </summary>
public sealed record GcActivity(double AllocatedBytes, double Gen0, double Gen1, double Gen2, TimeSpan Paused)
{
    public static async Task<GcActivity> ReadAsync(HttpClient host)
    {
        var text = await host.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var lines = text.Split('\n');
        double Sample(string name, string? label = null) =>
            lines.Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) && (label is null || line.Contains(label, StringComparison.Ordinal)))
                .Select(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
                .Sum();
        return new GcActivity(
            Sample("dotnet_gc_heap_total_allocated_bytes_total"),
            Sample("dotnet_gc_collections_total", "gc_heap_generation=\"gen0\""),
            Sample("dotnet_gc_collections_total", "gc_heap_generation=\"gen1\""),
            Sample("dotnet_gc_collections_total", "gc_heap_generation=\"gen2\""),
            TimeSpan.FromSeconds(Sample("dotnet_gc_pause_time_seconds_total")));
    }

    public static GcActivity operator -(GcActivity after, GcActivity before) =>
        new(after.AllocatedBytes - before.AllocatedBytes, after.Gen0 - before.Gen0, after.Gen1 - before.Gen1,
            after.Gen2 - before.Gen2, after.Paused - before.Paused);
}
