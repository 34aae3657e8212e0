using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Orders.Bench;

/// <summary>
/// The figures of one run, printed and written to bench/RESULTS.md with the machine, the command, the load average
/// at its start and end, and a verdict on each target. What follows <see cref="HandWrittenMarker"/> in the file is
/// kept: the notes and micro-benchmark tables written by hand from a run.
/// </summary>
public sealed class Report(string[] args)
{
    public const string HandWrittenMarker = "<!-- Written by hand below this line; the harness keeps it when it rewrites the file. -->";

    readonly List<(string Title, IReadOnlyList<string> Lines)> _sections = [];
    readonly List<(string Figure, string Measured, string Target, bool Met, string Load)> _targets = [];
    readonly DateTime _started = DateTime.UtcNow;
    readonly string _loadAtStart = LoadAverage();

    public void Add(string title, IReadOnlyList<string> lines) => _sections.Add((title, lines));

    /// <summary>Says on stderr what the run is doing, so that a long run shows its progress and a profiler can be attached to one stage.</summary>
    public static void Progress(string doing) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {doing}");

    /// <summary>Records a figure against its target and answers the line that says it.</summary>
    /// <param name="load">The load average when it was measured; by default, now.</param>
    public string Check(string figure, string measured, string target, bool met, string? load = null)
    {
        _targets.Add((figure, measured, target, met, (load ?? $"load {LoadAverageNow()}")["load ".Length..]));
        return $"{figure}: {measured} (target {target}): {(met ? "met" : "not met")}";
    }

    public void Print()
    {
        foreach (var (title, lines) in _sections)
        {
            Console.WriteLine(title);
            foreach (var line in lines)
                Console.WriteLine("  " + line);
        }
        Console.WriteLine($"Load average at start: {_loadAtStart}; at end: {LoadAverage()}");
    }

    public void Write(string path)
    {
        var text = new StringBuilder();
        text.AppendLine("# Benchmark results").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Produced by `just bench` (`dotnet run -c Release --project bench/Orders.Bench{(args.Length > 0 ? " -- " + string.Join(' ', args) : "")}`), started {_started:yyyy-MM-dd HH:mm} UTC, took {(DateTime.UtcNow - _started).TotalSeconds:N0} s.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Load average (1, 5, 15 min) at start: {_loadAtStart}; at end: {LoadAverage()}. The load generator runs on the same machine beside the server; the processor time per request or per event beside each figure does not depend on what else runs.").AppendLine();
        text.AppendLine("| figure | measured | target | verdict | load average when measured (1, 5 min) |").AppendLine("|---|---|---|---|---|");
        foreach (var (figure, measured, target, met, load) in _targets)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {measured} | {target} | {Verdict(met)} | {load} |");
        text.AppendLine();
        foreach (var (title, lines) in _sections)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"## {title}").AppendLine();
            foreach (var line in lines)
                text.AppendLine(line.StartsWith("  ", StringComparison.Ordinal) ? $"  - {line.TrimStart()}" : $"- {line}");
            text.AppendLine();
        }
        text.AppendLine(HandWrittenMarker).AppendLine();
        text.Append(HandWritten(path).TrimStart('\r', '\n'));
        File.WriteAllText(path, text.ToString());
    }

    static string Verdict(bool met) => met ? "met" : "**not met**";

    static string HandWritten(string path)
    {
        if (!File.Exists(path))
            return "";
        var existing = File.ReadAllText(path);
        var at = existing.IndexOf(HandWrittenMarker, StringComparison.Ordinal);
        return at < 0 ? "" : existing[(at + HandWrittenMarker.Length)..];
    }

    /// <summary>The 1- and 5-minute load averages, to stand beside a figure measured now.</summary>
    public static string LoadAverageNow() => string.Join(", ", LoadAverage().Split(", ").Take(2));

    static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
