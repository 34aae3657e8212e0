using BenchmarkDotNet.Attributes;
using Orders.Decider;

namespace Orders.Bench.Micro;

/// <summary>Loading an order: folding its stream of six events with Evolve from the initial state.</summary>
[MemoryDiagnoser]
public class EvolveBenchmarks
{
    [Benchmark]
    public OrderState FoldSixEvents()
    {
        var state = OrderDecider.Initial;
        foreach (var @event in Samples.Life)
            state = OrderDecider.Evolve(state, @event);
        return state;
    }
}
