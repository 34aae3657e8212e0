using BenchmarkDotNet.Attributes;
using Orders.Decider;
using Orders.Decider.Serialization;

namespace Orders.Bench.Micro;

/// <summary>Each event type to its stored JSON and back, in the original service's format.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    OrderEvent @event = Samples.Created;
    byte[] data = [];

    [ParamsSource(nameof(Types))]
    public string EventType { get; set; } = "";

    public static IEnumerable<string> Types => Samples.ByType.Keys;

    [GlobalSetup]
    public void Setup()
    {
        @event = Samples.ByType[EventType];
        data = OrderEventCodec.Encode(@event);
    }

    [Benchmark]
    public byte[] Encode() => OrderEventCodec.Encode(@event);

    [Benchmark]
    public OrderEvent? Decode() => OrderEventCodec.Decode(EventType, data);
}
