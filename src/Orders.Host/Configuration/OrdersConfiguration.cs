using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Orders.Host.Configuration;

/// <summary>
/// Binds the <c>Orders</c> section to <see cref="OrdersOptions"/> and checks it, so that a bad setting stops the host
/// at start with one line naming its key: a key that is no setting, a value of the wrong kind, or a value
/// <see cref="OrdersOptionsValidator"/> refuses.
/// </summary>
public static class OrdersConfiguration
{
    /// <summary>The options the host is wired from; throws <see cref="OrdersConfigurationException"/> on a bad setting.</summary>
    public static OrdersOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(OrdersOptions.Section);
        foreach (var setting in section.AsEnumerable().Where(s => s.Value is not null))
            CheckKind(setting.Key, setting.Value!);

        var options = section.Get<OrdersOptions>() ?? new OrdersOptions();
        var result = new OrdersOptionsValidator().Validate(null, options);
        return result.Failed ? throw new OrdersConfigurationException("Configuration error: " + result.FailureMessage) : options;
    }

    /// <summary>
    /// The same section as <c>IOptions&lt;OrdersOptions&gt;</c> for code that takes it from the container, checked
    /// again when the host starts.
    /// </summary>
    public static IServiceCollection AddOrdersOptions(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<OrdersOptions>, OrdersOptionsValidator>();
        services.AddOptions<OrdersOptions>().BindConfiguration(OrdersOptions.Section).ValidateOnStart();
        return services;
    }

    /// <summary>Follows <paramref name="key"/> (e.g. <c>Orders:Search:Url</c>) through the options' properties.</summary>
    static void CheckKind(string key, string value)
    {
        var type = typeof(OrdersOptions);
        var path = key.Split(':');
        for (var i = 1; i < path.Length; i++)
        {
            var property = type.GetProperty(path[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property?.SetMethod is not { IsPublic: true })
                throw new OrdersConfigurationException(
                    $"Configuration error: {key} is not a setting; {string.Join(":", path[..i])} has {Settings(type)}.");
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }

        if (type == typeof(string) || !IsValue(type))
            return;
        if (type.IsEnum)
        {
            if (!Enum.TryParse(type, value, ignoreCase: true, out var parsed) || !Enum.IsDefined(type, parsed!))
                throw Bad(key, value, "one of " + string.Join(", ", Enum.GetNames(type)));
            return;
        }

        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
        }
        catch (Exception error) when (error is FormatException or ArgumentException or OverflowException || error.InnerException is FormatException or OverflowException)
        {
            throw Bad(key, value, type == typeof(TimeSpan) ? "a duration such as 00:00:05" : $"a {type.Name} value");
        }
    }

    static bool IsValue(Type type) => type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(TimeSpan);

    static string Settings(Type type) =>
        string.Join(", ", type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => p.Name));

    internal static OrdersConfigurationException Bad(string key, string value, string expected) =>
        new($"Configuration error: {key} is '{value}', expected {expected}.");
}

public sealed class OrdersConfigurationException(string message) : Exception(message);
