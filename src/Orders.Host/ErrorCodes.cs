using System.Reflection;
using Orders.Decider;

namespace Orders.Host;

/// <summary>
/// Every <c>code</c> the service answers with, over HTTP (problem details) and gRPC (the <c>code</c> trailer) alike.
/// The domain's own rejections are <see cref="OrderError.All"/>.
/// </summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string MalformedRequest = "malformed_request";
    public const string InvalidOrderId = "invalid_order_id";
    public const string InvalidIfMatch = "invalid_if_match";
    public const string VersionMismatch = "version_mismatch";
    public const string ConcurrencyConflict = "concurrency_conflict";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string NotAcceptable = "not_acceptable";
    public const string ReadModelBehind = "read_model_behind";
    public const string InternalError = "internal_error";
    public const string ProjectionNotFound = "projection_not_found";
    public const string ProjectionAppliedElsewhere = "projection_applied_elsewhere";
    public const string EventStoreUnavailable = "event_store_unavailable";
    public const string RouteNotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string AdminKeyRequired = "admin_key_required";

    /// <summary>Every code above and every domain rejection's, read from the declarations so none is left out.</summary>
    public static IReadOnlyList<string> All { get; } =
        typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .Concat(OrderError.All.Select(error => error.Code))
            .ToArray();
}
