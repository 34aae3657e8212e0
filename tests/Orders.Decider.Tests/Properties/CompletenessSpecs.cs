using CsCheck;
using Orders.Decider.Serialization;

namespace Orders.Decider.Tests.Properties;

/// <summary>
/// A new command or event cannot be half-added: the generators that drive every property must produce it (so Decide,
/// Evolve and validation are exercised on it), and every event must have a stored name and a format.
/// </summary>
public class CompletenessSpecs
{
    static Type[] CasesOf<T>() =>
        [.. typeof(T).GetNestedTypes().Where(t => t.IsSealed && t.IsSubclassOf(typeof(T))).OrderBy(t => t.Name)];

    static Type[] Generated<T>(Gen<T> gen) where T : notnull =>
        [.. gen.Array[2_000].Single().Select(c => c.GetType()).Distinct().OrderBy(t => t.Name)];

    [Fact]
    public void The_command_generator_produces_every_command() =>
        Assert.Equal(CasesOf<OrderCommand>(), Generated(Generators.Command));

    [Fact]
    public void The_event_generators_produce_every_event()
    {
        Assert.Equal(CasesOf<OrderEvent>(), Generated(Generators.Event));
        Assert.Equal(CasesOf<OrderEvent>(), Generated(Generators.AnyEvent));
    }

    [Fact]
    public void Every_event_has_a_stored_name_and_a_format() =>
        Assert.Equal(
            CasesOf<OrderEvent>().Select(EventTypeAttribute.NameOf).Order(),
            OrderEventCodec.TypeNames.Order());

    [Fact]
    public void Stored_names_are_unique() =>
        Assert.Equal(OrderEventCodec.TypeNames.Count, OrderEventCodec.TypeNames.Distinct().Count());
}
