using System.Reflection;

namespace Orders.Decider;

/// <summary>The name an event is stored under. Stored names outlive the code: never change one.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    public static string NameOf(Type eventType) =>
        eventType.GetCustomAttribute<EventTypeAttribute>()?.Name
        ?? throw new InvalidOperationException($"{eventType.Name} has no [EventType] name to be stored under.");
}
