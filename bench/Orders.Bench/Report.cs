using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Orders.Bench;

/// <summary>The figures of one run, printed and written to bench/RESULTS.md with the machine and the command.</summary>
public sealed class Report(string[] args)
{
    readonly List<(string Title, IReadOnlyList<string> Lines)> _sections = [];

    public void Add(string title, IReadOnlyList<string> lines) => _sections.Add((title, lines));

    public void Print()
    {
        foreach (var (title, lines) in _sections)
        {
            Console.WriteLine(title);
            foreach (var line in lines)
                Console.WriteLine("  " + line);
        }
    }

    public void Write(string path)
    {
        var text = new StringBuilder();
        text.AppendLine("# Benchmark results").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Produced by `dotnet run -c Release --project bench/Orders.Bench{(args.Length > 0 ? " -- " + string.Join(' ', args) : "")}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}.");
        text.AppendLine("The load generator runs on the same machine as the server, so both share the cores.").AppendLine();
        foreach (var (title, lines) in _sections)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"## {title}").AppendLine();
            foreach (var line in lines)
                text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
            text.AppendLine();
        }
        File.WriteAllText(path, text.ToString());
    }
}
