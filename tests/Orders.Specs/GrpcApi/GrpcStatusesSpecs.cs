using Grpc.Core;
using LanguageExt;
using Orders.Decider;
using Orders.Host.Commands;
using Orders.Host.GrpcApi;
using static LanguageExt.Prelude;

namespace Orders.Specs.GrpcApi;

/// <summary>
/// Outcome → status, for the outcomes a spec over the wire cannot provoke at will (a conflict needs more writers
/// than the runner's re-decides).
/// </summary>
public sealed class GrpcStatusesSpecs
{
    [Fact]
    public void A_conflict_through_every_re_decide_is_aborted()
    {
        var status = GrpcStatuses.Failure(new CommandOutcome.Conflict());

        Assert.Equal(StatusCode.Aborted, status.StatusCode);
        Assert.Equal("concurrency_conflict", status.Trailers.GetValue("code"));
    }

    [Fact]
    public void A_version_mismatch_is_aborted()
    {
        var status = GrpcStatuses.Failure(new CommandOutcome.VersionMismatch(3));

        Assert.Equal(StatusCode.Aborted, status.StatusCode);
        Assert.Equal("version_mismatch", status.Trailers.GetValue("code"));
    }

    [Fact]
    public void Order_not_found_is_not_found_and_every_other_rejection_a_failed_precondition()
    {
        var notFound = GrpcStatuses.Failure(new CommandOutcome.Rejected(OrderError.NotFound));
        var canceled = GrpcStatuses.Failure(new CommandOutcome.Rejected(OrderError.Canceled));

        Assert.Equal((StatusCode.NotFound, "order_not_found"), (notFound.StatusCode, notFound.Trailers.GetValue("code")));
        Assert.Equal((StatusCode.FailedPrecondition, "order_canceled"), (canceled.StatusCode, canceled.Trailers.GetValue("code")));
    }

    [Fact]
    public void Invalid_fields_are_each_in_a_trailer_and_in_the_detail()
    {
        var status = GrpcStatuses.Failure(new CommandOutcome.Invalid(Seq(
            new FieldError("paymentId", "Must not be empty."),
            new FieldError("shopItems[0].price", "Must not be negative."))));

        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.Equal(
            ["paymentId: Must not be empty.", "shopItems[0].price: Must not be negative."],
            status.Trailers.Where(t => t.Key == "invalid-field").Select(t => t.Value));
        Assert.Equal("Invalid fields: paymentId: Must not be empty.; shopItems[0].price: Must not be negative.", status.Status.Detail);
    }

    [Fact]
    public void An_accepted_command_is_no_failure() =>
        Assert.Throws<ArgumentException>(() => GrpcStatuses.Failure(new CommandOutcome.Accepted(Guid.CreateVersion7(), 0, 1)));
}
