using Orders.Host.Configuration;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Orders.Host.GrpcApi;

namespace Orders.Specs.GrpcApi;

/// <summary>
/// On real sockets: the addresses given as URLs are all listened on, the one on the gRPC port speaks cleartext
/// HTTP/2 only (as gRPC clients expect without TLS) and the others keep HTTP/1.1.
/// </summary>
public sealed class PortLayoutSpecs : IAsyncLifetime
{
    int _httpPort;
    int _grpcPort;
    WebApplication _app = null!;

    /// <summary>A port found free can be taken by a parallel test before the host binds it: then pick others.</summary>
    public async Task InitializeAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            (_httpPort, _grpcPort) = (FreePort(), FreePort());
            try
            {
                await StartAsync();
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                await _app.DisposeAsync();
            }
        }
    }

    async Task StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Orders:Grpc:Port"] = _grpcPort.ToString(CultureInfo.InvariantCulture);
        builder.WebHost.UseUrls($"http://127.0.0.1:{_httpPort}", $"http://127.0.0.1:{_grpcPort}");
        builder.Services.AddOrdersOptions().AddOrdersGrpc();
        _app = builder.Build();
        _app.MapGet("/ping", () => Results.Text("pong"));
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_HTTP_port_speaks_HTTP_1_1_and_not_cleartext_HTTP_2()
    {
        using var http1 = await SendAsync(_httpPort, HttpVersion.Version11);

        Assert.Equal((HttpStatusCode.OK, HttpVersion.Version11), (http1.StatusCode, http1.Version));
        await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(_httpPort, HttpVersion.Version20));
    }

    [Fact]
    public async Task The_gRPC_port_speaks_cleartext_HTTP_2()
    {
        using var http2 = await SendAsync(_grpcPort, HttpVersion.Version20);

        Assert.Equal((HttpStatusCode.OK, HttpVersion.Version20), (http2.StatusCode, http2.Version));
    }

    static async Task<HttpResponseMessage> SendAsync(int port, Version version)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/ping")
        {
            Version = version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        return await client.SendAsync(request);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
