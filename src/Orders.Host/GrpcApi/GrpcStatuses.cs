using Grpc.Core;
using LanguageExt;
using Orders.Decider;
using Orders.EventStore;
using Orders.Host.Commands;
using Orders.Host.Http;

namespace Orders.Host.GrpcApi;

/// <summary>
/// The one place where outcomes become gRPC statuses. Every failure carries its stable error code (the same codes as
/// the HTTP problem details) in the <c>code</c> trailer, and each field that failed validation in an
/// <c>invalid-field</c> trailer as well as in the status detail.
/// </summary>
public static class GrpcStatuses
{
    public const string CodeTrailer = "code";
    public const string InvalidFieldTrailer = "invalid-field";

    /// <summary>The status of an outcome that is not <see cref="CommandOutcome.Accepted"/>.</summary>
    public static RpcException Failure(CommandOutcome outcome) =>
        outcome switch
        {
            CommandOutcome.Invalid invalid => Invalid(invalid.Errors),
            CommandOutcome.Rejected { Error: var error } when error == OrderError.NotFound =>
                Error(StatusCode.NotFound, error.Code, error.Message),
            CommandOutcome.Rejected { Error: var error } =>
                Error(StatusCode.FailedPrecondition, error.Code, error.Message),
            // gRPC commands name no expected version, so a mismatch is another writer's conflict.
            CommandOutcome.VersionMismatch m => Error(
                StatusCode.Aborted, ErrorCodes.VersionMismatch, $"The order is at version {m.ActualVersion}."),
            CommandOutcome.Conflict => Error(
                StatusCode.Aborted, ErrorCodes.ConcurrencyConflict,
                "The order kept changing while the command was decided; try again."),
            CommandOutcome.Accepted => throw new ArgumentException("An accepted command is not a failure.", nameof(outcome)),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.GetType().Name, "Unknown outcome."),
        };

    public static RpcException Invalid(Seq<FieldError> errors)
    {
        var trailers = new Metadata { { CodeTrailer, ErrorCodes.ValidationFailed } };
        foreach (var error in errors)
            trailers.Add(InvalidFieldTrailer, $"{error.Field}: {error.Message}");
        var detail = "Invalid fields: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"));
        return new RpcException(new Status(StatusCode.InvalidArgument, detail), trailers);
    }

    /// <summary>The event store could not be reached in time, or refuses the service's credentials.</summary>
    public static RpcException EventStoreUnavailable(EventStoreUnavailableException error) =>
        Error(StatusCode.Unavailable, ErrorCodes.EventStoreUnavailable, error.CredentialsRefused
            ? "The event store refuses the service's credentials; the command was not recorded."
            : "The event store could not be reached in time; the command was not confirmed. Try again.");

    public static RpcException MalformedOrderId(string id) =>
        Error(StatusCode.InvalidArgument, ErrorCodes.InvalidOrderId, $"'{id}' is not an order id (a hyphenated UUID).");

    public static RpcException OrderNotFound() =>
        Error(StatusCode.NotFound, OrderError.NotFound.Code, OrderError.NotFound.Message);

    static RpcException Error(StatusCode status, string code, string detail) =>
        new(new Status(status, detail), new Metadata { { CodeTrailer, code } });
}
