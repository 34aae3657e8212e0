using BenchmarkDotNet.Attributes;
using Orders.Decider;
using Orders.Decider.Serialization;

namespace Orders.Bench.Micro;

/// <summary>Each event type to its stored JSON and back, in the original service's format.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    OrderEvent _event = Samples.Created;
    byte[] _data = [];

    [ParamsSource(nameof(Types))]
    public string EventType { get; set; } = "";

    public static IEnumerable<string> Types => Samples.ByType.Keys;

    [GlobalSetup]
    public void Setup()
    {
        _event = Samples.ByType[EventType];
        _data = OrderEventCodec.Encode(_event);
    }

    [Benchmark]
    public byte[] Encode() => OrderEventCodec.Encode(_event);

    [Benchmark]
    public OrderEvent? Decode() => OrderEventCodec.Decode(EventType, _data);
}
