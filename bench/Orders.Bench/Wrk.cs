using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Orders.Bench;

/// <summary>
/// HTTP load from <c>wrk</c> (Debian package <c>wrk</c>), a C load generator that leaves the cores to the server;
/// where it is not installed, the benchmark's own closed-loop generator stands in and the report says so.
/// </summary>
public static partial class Wrk
{
    public static bool Installed { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, "wrk")));

    public static string Generator => Installed
        ? "wrk, one thread"
        : "the benchmark's own .NET generator (wrk is not installed: `apt-get install -y wrk`), which shares the cores with the server";

    /// <summary>POSTs <paramref name="json"/> to <paramref name="url"/> over <paramref name="connections"/> connections for <paramref name="duration"/>.</summary>
    public static async Task<LoadStats> PostAsync(string name, Uri url, string json, int connections, TimeSpan duration)
    {
        var script = Path.Combine(Path.GetTempPath(), $"orders-bench-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script,
            $"wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [[{json}]]\n");
        try
        {
            var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "-t1", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", "--timeout", "10s", "-s", script, url.ToString() })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"wrk failed: {output}{await process.StandardError.ReadToEndAsync()}");
            return Parse(name, output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>Reads wrk's summary: requests and seconds, non-2xx answers and socket errors, the latency percentiles.</summary>
    public static LoadStats Parse(string name, string output)
    {
        var total = TotalPattern().Match(output);
        var requests = long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture);
        var seconds = Milliseconds(total.Groups[2].Value, total.Groups[3].Value) / 1000;
        var errors = Sum(NonSuccessPattern(), output) + Sum(SocketErrorPattern(), output);
        double Percentile(string p)
        {
            var m = Regex.Match(output, $@"^\s*{p}%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline);
            return m.Success ? Milliseconds(m.Groups[1].Value, m.Groups[2].Value) : double.NaN;
        }
        var latency = LatencyPattern().Match(output);
        var max = latency.Success ? Milliseconds(latency.Groups[1].Value, latency.Groups[2].Value) : double.NaN;
        return new LoadStats(name, requests - errors, errors, seconds, Percentile("50"), Percentile("90"), Percentile("99"), max);
    }

    static long Sum(Regex pattern, string output) =>
        pattern.Matches(output).SelectMany(m => m.Groups.Values.Skip(1)).Where(g => g.Success)
            .Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture));

    static double Milliseconds(string value, string unit) => double.Parse(value, CultureInfo.InvariantCulture) * unit switch
    {
        "us" => 0.001,
        "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        _ => throw new FormatException($"wrk unit {unit}"),
    };

    [GeneratedRegex(@"(\d+) requests in ([\d.]+)(us|ms|s|m),")]
    private static partial Regex TotalPattern();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccessPattern();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorPattern();

    [GeneratedRegex(@"^\s*Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s|m)", RegexOptions.Multiline)]
    private static partial Regex LatencyPattern();
}
