using Orders.Host.Configuration;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Orders.Host.GrpcApi;

namespace Orders.Specs.Operations;

/// <summary>
/// What a developer sees on <c>dotnet run --project src/Orders.Host</c>: the launch profile's Development
/// environment, readable logs whose first line says where the host listens, and none of JasperFx's command scan.
/// Production keeps one JSON object per line.
/// </summary>
public sealed class LocalRunSpecs
{
    static string Repository()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Orders.sln")))
            folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("No Orders.sln above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void The_launch_profile_runs_Development_on_the_default_REST_and_gRPC_addresses()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository(), "src/Orders.Host/Properties/launchSettings.json")));
        var profile = settings.RootElement.GetProperty("profiles").GetProperty("Orders.Host");

        Assert.Equal("Project", profile.GetProperty("commandName").GetString());
        Assert.Equal("Development", profile.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
        Assert.Equal($"http://localhost:5000;http://localhost:{new GrpcOptions().Port}", profile.GetProperty("applicationUrl").GetString());
        Assert.False(profile.TryGetProperty("commandLineArgs", out _));
    }

    [Fact]
    public async Task In_Development_the_first_line_says_where_REST_and_gRPC_listen_and_nothing_scans_for_commands()
    {
        var (rest, grpc, lines) = await RunUntilListeningAsync("Development");

        Assert.Matches(@"^\d\d:\d\d:\d\d\.\d{3} info: Orders\.Host\[0\] Listening: ", lines[0]);
        Assert.Contains($"REST http://127.0.0.1:{rest} (docs at /docs), gRPC http://127.0.0.1:{grpc}; Development environment", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, line => line.Contains("for commands", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_Production_every_line_is_a_JSON_object_and_one_says_where_it_listens()
    {
        var (rest, grpc, lines) = await RunUntilListeningAsync("Production");

        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var listening = Assert.Single(entries, e => e.GetProperty("Category").GetString() == "Orders.Host");
        Assert.Equal($"http://127.0.0.1:{rest}", listening.GetProperty("State").GetProperty("RestAddresses").GetString());
        Assert.Equal($"http://127.0.0.1:{grpc}", listening.GetProperty("State").GetProperty("GrpcAddresses").GetString());
        Assert.DoesNotContain(lines, line => line.Contains("for commands", StringComparison.Ordinal));
    }

    /// <summary>
    /// The built host with no arguments, as <c>dotnet run</c> starts it, listening on two free loopback ports (the
    /// second as gRPC's); its standard output up to the line that says where it listens.
    /// </summary>
    static async Task<(int RestPort, int GrpcPort, List<string> Lines)> RunUntilListeningAsync(string environment)
    {
        var (rest, grpc) = (FreePort(), FreePort());
        var folder = Path.Combine(Path.GetTempPath(), "orders-local-run-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Orders.Host.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = environment,
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{rest};http://127.0.0.1:{grpc}",
                ["Orders__Grpc__Port"] = grpc.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Orders__Storage__Path"] = Path.Combine(folder, "orders.db"),
            },
        };
        using var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Length > 0)
                    lines.Add(line);
                if (line.Contains("Listening: ", StringComparison.Ordinal))
                    break;
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        Assert.Contains(lines, line => line.Contains("Listening: ", StringComparison.Ordinal));
        return (rest, grpc, lines);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
