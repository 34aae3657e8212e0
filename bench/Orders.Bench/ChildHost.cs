using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Orders.Bench;

/// <summary>A server process on a loopback port, started from a built assembly (a path, or a name beside this one).</summary>
public sealed class ChildHost : IAsyncDisposable
{
    readonly Process _process;

    ChildHost(Process process, Uri address, TimeSpan startToReady)
    {
        _process = process;
        Address = address;
        StartToReady = startToReady;
        ProcessorTimeToReady = ProcessorTime();
    }

    public Uri Address { get; }

    /// <summary>The processor time the process had used when it first answered ready: what starting costs apart from waiting for a core.</summary>
    public TimeSpan ProcessorTimeToReady { get; }

    /// <summary>From starting the process to its first successful answer on the readiness path it was started with.</summary>
    public TimeSpan StartToReady { get; }

    /// <param name="readyPath">Polled until it answers 200: the host's readiness probe where it has one.</param>
    public static async Task<ChildHost> StartAsync(
        string assembly, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, string readyPath = "/health/live")
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var path = Path.Combine(AppContext.BaseDirectory, assembly);
        var name = Path.GetFileName(path);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(path)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(path);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString());
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  [{name}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(1) };
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{name} exited with code {process.ExitCode} before it was ready.");
            try
            {
                using var response = await client.GetAsync(new Uri(readyPath, UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                    return new ChildHost(process, address, clock.Elapsed);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(5);
        }
    }

    /// <summary>The most resident memory the process has had (VmHWM), in MiB.</summary>
    public double PeakMemoryMiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>Starts the peak that <see cref="PeakMemoryMiB"/> reports afresh from the memory resident now.</summary>
    public void ResetPeakMemory() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    /// <summary>User and system time the process has used so far, every thread (<c>/proc/[pid]/stat</c>).</summary>
    public TimeSpan ProcessorTime()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the command name: state is field 3, utime field 14 and stime field 15, in clock ticks (100 a second).
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
