using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Orders.Specs.Durability;

/// <summary>
/// The built host as a real process on a loopback port, so that a spec can kill it the way an operator's
/// <c>kill -9</c> or a power cut would: no shutdown code runs.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    readonly Process _process;

    HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <remarks>A port found free can be taken by a parallel test before the host binds it: the host then exits, and
    /// another port is tried.</remarks>
    public static async Task<HostProcess> StartAsync(string storagePath, IReadOnlyDictionary<string, string>? settings = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var address = new Uri($"http://127.0.0.1:{FreePort()}");
            var process = Process.Start(StartInfo(address, storagePath, settings))!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var host = new HostProcess(process, address);
            try
            {
                await host.WaitUntilLiveAsync();
                return host;
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>Runs a host expected to stop by itself (bad configuration, say): its exit code and standard error.</summary>
    public static async Task<(int ExitCode, string Error)> RunToExitAsync(string storagePath, IReadOnlyDictionary<string, string> settings)
    {
        using var process = Process.Start(StartInfo(new Uri($"http://127.0.0.1:{FreePort()}"), storagePath, settings))!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await error);
    }

    static ProcessStartInfo StartInfo(Uri address, string storagePath, IReadOnlyDictionary<string, string>? settings)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Orders.Host.dll"), "--urls", address.ToString()])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Orders__Storage__Path"] = storagePath,
            },
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        return start;
    }

    /// <summary>SIGKILL: the process gets no chance to flush or finish anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as an orchestrator stops a container: the host drains and exits by itself.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    async Task WaitUntilLiveAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} before it was live.");
            try
            {
                using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("The host was not live within 60 s.");
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
            await KillAsync();
        _process.Dispose();
    }
}
