namespace Orders.Specs.Messaging;

/// <summary>
/// A fact that runs against a real RabbitMQ broker when <c>ORDERS_TEST_RABBITMQ</c> holds its amqp:// URI (.ci/run
/// installs, starts and sets it), and is reported as skipped, by name, when it does not. The variable is not the
/// host's own setting, so that the other specs' hosts never start messaging.
/// </summary>
public sealed class RabbitMqServerFactAttribute : FactAttribute
{
    public const string Variable = "ORDERS_TEST_RABBITMQ";

    public RabbitMqServerFactAttribute()
    {
        if (Uri is null)
            Skip = $"needs a RabbitMQ broker (set {Variable})";
    }

    public static string? Uri =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;
}
