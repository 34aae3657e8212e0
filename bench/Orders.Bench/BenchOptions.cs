namespace Orders.Bench;

public sealed record BenchOptions(int Concurrency, TimeSpan Warmup, TimeSpan Duration)
{
    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Orders.sln")))
            folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }
}
