using System.Diagnostics;
using System.Globalization;

namespace Orders.Bench;

/// <summary>
/// The build users deploy: the host published ReadyToRun for linux-x64, as the Dockerfile publishes it. The benchmark
/// publishes it first (incrementally: an unchanged host republishes in seconds) and measures that, never the build
/// it runs from.
/// </summary>
public sealed record PublishedHost(string Assembly, string Summary)
{
    const string Command = "dotnet publish src/Orders.Host/Orders.Host.csproj -c Release -r linux-x64 -p:PublishReadyToRun=true";

    /// <param name="folder">An existing publish to measure instead (<c>--published DIR</c>), or null to publish now.</param>
    public static async Task<PublishedHost> PrepareAsync(string? folder)
    {
        var root = BenchOptions.RepositoryRoot();
        var took = TimeSpan.Zero;
        if (folder is null)
        {
            folder = Path.Combine(root, "bench", "Orders.Bench", "bin", "published-host");
            Report.Progress($"publishing the host: {Command} -o {Path.GetRelativePath(root, folder)}");
            var clock = Stopwatch.StartNew();
            await PublishAsync(root, folder);
            took = clock.Elapsed;
        }
        var assembly = Path.Combine(Path.GetFullPath(folder), "Orders.Host.dll");
        if (!File.Exists(assembly))
            throw new InvalidOperationException($"No Orders.Host.dll in {folder}.");
        var roslyn = Directory.GetFiles(folder, "Microsoft.CodeAnalysis*.dll").Length;
        var readyToRun = IsReadyToRun(assembly);
        var megabytes = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) / 1_048_576.0;
        var how = took == TimeSpan.Zero ? $"measured as found in {folder}" : $"`{Command}`, {took.TotalSeconds:N0} s";
        return new PublishedHost(assembly,
            $"the host measured: {(readyToRun ? "ReadyToRun" : "IL only (jitted)")}, {megabytes:N0} MiB, " +
            $"{(roslyn == 0 ? "no" : roslyn.ToString(CultureInfo.InvariantCulture))} Microsoft.CodeAnalysis assemblies; {how}");
    }

    /// <summary>Whether the assembly carries precompiled code: a ReadyToRun image has a managed native header.</summary>
    static bool IsReadyToRun(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
        return reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    static async Task PublishAsync(string root, string folder)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true };
        foreach (var arg in Command.Split(' ')[1..].Append("-o").Append(folder).Append("-nologo"))
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"Publishing the host failed:\n{output}");
    }
}
