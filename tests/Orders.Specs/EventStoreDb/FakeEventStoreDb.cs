using System.Buffers.Binary;
using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Orders.EventStore.EventStoreDb;

namespace Orders.Specs.EventStoreDb;

/// <summary>
/// An in-memory HTTP/2 endpoint that answers the adapter's gRPC calls the way a spec scripts them, so the
/// client's framing, headers, retries and reconnects are exercised without a server. Messages are framed by hand
/// (a compression flag, a big-endian length, the protobuf bytes) and the status goes out as trailers. Every node
/// the client talks to reaches this one endpoint; a spec that plays a cluster tells the nodes apart by the
/// request's host (<see cref="NodeOf"/>).
/// </summary>
internal sealed class FakeEventStoreDb : IAsyncDisposable
{
    public const string Append = "/event_store.client.streams.Streams/Append";
    public const string Read = "/event_store.client.streams.Streams/Read";
    public const string Gossip = "/event_store.client.gossip.Gossip/Read";

    private readonly WebApplication _app;

    private FakeEventStoreDb(WebApplication app) => _app = app;

    public static async Task<FakeEventStoreDb> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new FakeEventStoreDb(app);
    }

    /// <summary>
    /// A client whose every node is this endpoint. Its retries pause only a few milliseconds, within a budget long
    /// enough that no spec depends on how fast the machine is; specs that need the budget to run out set their own.
    /// </summary>
    public EventStoreDbClient Client(string connectionString = "esdb://localhost:2113?tls=false", EventStoreDbRetry? retry = null) =>
        new(
            EventStoreDbConnectionString.Parse(connectionString),
            retry ?? new EventStoreDbRetry(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), Budget: TimeSpan.FromMinutes(1)),
            handlers: _ => _app.GetTestServer().CreateHandler());

    /// <summary>The node a call was addressed to, as <c>host:port</c>.</summary>
    public static string NodeOf(HttpContext context) => context.Request.Host.Value ?? "";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The next message the client sent, or null when it completed its side.</summary>
    public static async Task<T?> ReceiveAsync<T>(HttpContext context, MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var header = new byte[5];
        if (!await FillAsync(context.Request.Body, header, context.RequestAborted))
            return null;
        var body = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
        await FillAsync(context.Request.Body, body, context.RequestAborted);
        return parser.ParseFrom(body);
    }

    public static async Task<List<T>> ReceiveAllAsync<T>(HttpContext context, MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var messages = new List<T>();
        while (await ReceiveAsync(context, parser) is { } message)
            messages.Add(message);
        return messages;
    }

    public static async Task SendAsync(HttpContext context, IMessage message)
    {
        await StartAsync(context);
        var bytes = message.ToByteArray();
        var frame = new byte[5 + bytes.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)bytes.Length);
        bytes.CopyTo(frame, 5);
        await context.Response.Body.WriteAsync(frame, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Ends the call with a status and EventStoreDB's error trailers.</summary>
    public static async Task FinishAsync(HttpContext context, StatusCode status, params (string Key, string Value)[] trailers)
    {
        await StartAsync(context);
        context.Response.AppendTrailer("grpc-status", ((int)status).ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in trailers)
            context.Response.AppendTrailer(key, value);
    }

    /// <summary>Keeps a server stream open until the client goes away.</summary>
    public static async Task HoldOpenAsync(HttpContext context)
    {
        await StartAsync(context);
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client cancelled: the call is over.
        }
    }

    private static async Task StartAsync(HttpContext context)
    {
        if (context.Response.HasStarted)
            return;
        context.Response.ContentType = "application/grpc";
        await context.Response.StartAsync(context.RequestAborted);
    }

    private static async Task<bool> FillAsync(Stream stream, byte[] buffer, CancellationToken ct)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), ct);
            if (read == 0)
                return false;
            filled += read;
        }
        return true;
    }
}
