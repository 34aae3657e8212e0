using System.Text;
using Orders.Decider;
using Orders.Host.Messaging;

namespace Orders.Specs.Messaging;

/// <summary>The command envelope read on its own: which messages are commands and why the rest are poison.</summary>
public sealed class CommandEnvelopeSpecs
{
    static readonly Guid Order = Guid.Parse("0190a6d2-5c1e-7c3a-9b1e-2f4d6a8c0e12");

    static object Parse(string json, string? amqpMessageId = null) =>
        CommandEnvelope.Parse(Encoding.UTF8.GetBytes(json), amqpMessageId, TimeProvider.System).Case!;

    [Fact]
    public void A_well_formed_envelope_is_the_command_with_its_message_id_and_expected_version()
    {
        var parsed = Parse($$$"""{"messageId":"m-1","type":"ChangeDeliveryAddress","orderId":"{{{Order}}}","expectedVersion":3,"data":{"deliveryAddress":"5 Elm St"}}""");

        Assert.Equal(new CommandMessage("m-1", "ChangeDeliveryAddress", 3, new OrderCommand.ChangeDeliveryAddress(Order, "5 Elm St")), parsed);
    }

    [Fact]
    public void Without_a_message_id_in_the_body_the_AMQP_message_id_is_used()
    {
        var parsed = Assert.IsType<CommandMessage>(Parse($$"""{"type":"SubmitOrder","orderId":"{{Order}}"}""", "amqp-7"));

        Assert.Equal("amqp-7", parsed.MessageId);
        Assert.Equal(new OrderCommand.SubmitOrder(Order), parsed.Command);
    }

    [Theory]
    [InlineData("not json", null, "not_json")]
    [InlineData("[1,2]", "m", "bad_envelope")]
    [InlineData("""{"type":"SubmitOrder","orderId":"0190a6d2-5c1e-7c3a-9b1e-2f4d6a8c0e12"}""", null, "bad_envelope")]
    [InlineData("""{"messageId":"m","type":"ShipOrder","orderId":"0190a6d2-5c1e-7c3a-9b1e-2f4d6a8c0e12"}""", null, "unknown_type")]
    [InlineData("""{"messageId":"m","type":"SubmitOrder","orderId":"ORDER-1"}""", null, "bad_envelope")]
    [InlineData("""{"messageId":"m","type":"SubmitOrder","orderId":"0190a6d2-5c1e-7c3a-9b1e-2f4d6a8c0e12","expectedVersion":-1}""", null, "bad_envelope")]
    [InlineData("""{"messageId":"m","type":"PayOrder","orderId":"0190a6d2-5c1e-7c3a-9b1e-2f4d6a8c0e12","data":{"paymentId":""}}""", null, "invalid")]
    [InlineData("""{"messageId":"m","type":"CreateOrder","orderId":"0190a6d2-5c1e-7c3a-9b1e-2f4d6a8c0e12","data":{"shopItems":"none"}}""", null, "invalid")]
    public void A_message_that_can_never_be_handled_is_poison_of_a_named_kind(string body, string? amqpMessageId, string kind)
    {
        var poison = Assert.IsType<PoisonMessage>(Parse(body, amqpMessageId));

        Assert.Equal(kind, poison.Kind);
        Assert.False(string.IsNullOrWhiteSpace(poison.Reason));
    }

    [Fact]
    public void Every_failing_field_is_named_in_the_reason()
    {
        var poison = Assert.IsType<PoisonMessage>(Parse($$$"""{"messageId":"m","type":"CreateOrder","orderId":"{{{Order}}}","data":{"shopItems":[],"accountEmail":"x"}}"""));

        Assert.Contains("shopItems", poison.Reason);
        Assert.Contains("accountEmail", poison.Reason);
        Assert.Contains("deliveryAddress", poison.Reason);
    }
}
