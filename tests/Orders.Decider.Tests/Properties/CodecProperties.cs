using CsCheck;
using Orders.Decider.Serialization;

namespace Orders.Decider.Tests.Properties;

/// <summary>Every event survives its stored form, down to the 100 ns tick and the offset of its timestamps.</summary>
public class CodecProperties
{
    [Fact]
    public void Decoding_what_was_encoded_gives_the_same_event() =>
        Generators.AnyEvent.Sample(@event =>
        {
            var data = OrderEventCodec.Encode(@event);
            var decoded = OrderEventCodec.Decode(OrderEventCodec.TypeOf(@event), data);
            Assert.Equal(@event, decoded);
            // Record equality compares instants only; writing the same bytes again also pins the offsets.
            Assert.Equal(data, OrderEventCodec.Encode(decoded!));
        }, iter: 2_000);

    [Fact]
    public void GoTime_reads_what_it_writes_with_the_same_offset() =>
        Generators.Timestamp.Sample(timestamp =>
        {
            var read = GoTime.Parse(GoTime.Format(timestamp));
            Assert.Equal((timestamp, timestamp.Offset), (read, read.Offset));
        }, iter: 5_000);
}
