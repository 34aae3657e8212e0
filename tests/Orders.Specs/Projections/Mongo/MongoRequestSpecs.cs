using System.Text;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;
using MongoDB.Driver;
using Orders.EventStore;
using Orders.Projections;
using Orders.Projections.Documents;
using Orders.Projections.Mongo;

namespace Orders.Specs.Projections.Mongo;

/// <summary>
/// What the MongoDB store sends, rendered as the driver renders it (default serializer registry) and pinned, so
/// that a change to a filter, a replacement or a stored field shows up as a snapshot diff. No server needed.
/// </summary>
public sealed class MongoRequestSpecs
{
    static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    static readonly Guid OrderId = Guid.Parse("0b6f3c4e-1c2d-4f6a-9b1e-3a5d7c9e2f40");

    static readonly OrderDocument Paid = new(
        OrderId,
        "alice@example.com",
        "1 Main St",
        [new ShopItemDocument("sku-1", "Blue shirt", "Cotton, slim fit", 2, 19.99m), new ShopItemDocument("sku-2", "Red socks", "", 1, 0.10m)],
        40.08m,
        "paid",
        Paid: true,
        Submitted: false,
        Completed: false,
        Canceled: false,
        CancelReason: "",
        new PaymentDocument("pay-1", Monday.AddMinutes(3).AddTicks(1_234_567)),
        DeliveredTime: null,
        CreatedAt: Monday,
        UpdatedAt: Monday.AddMinutes(3),
        Version: 1);

    static readonly ParkedEvent Poison = new(
        "order-documents",
        new RecordedEvent(
            "order-0b6f3c4e-1c2d-4f6a-9b1e-3a5d7c9e2f40", 2, new LogPosition(1042, 1040),
            Guid.Parse("5d1e4c8a-0000-4000-8000-000000000001"), "V1_ORDER_PAID",
            Encoding.UTF8.GetBytes("""{"paymentID":"p","timestamp":42}"""), Encoding.UTF8.GetBytes("{}"),
            Monday.AddMinutes(4).ToOffset(TimeSpan.FromHours(2))),
        "The event data cannot be read.", 3, Monday.AddMinutes(5), HeldBehind: null);

    static readonly ParkedEvent Held = Poison with
    {
        Event = Poison.Event with { StreamVersion = 3, Position = new LogPosition(1043, 1043) },
        Error = "Held behind the parked event at version 2 of its stream.",
        Attempts = 0,
        HeldBehind = 2,
    };

    static BsonDocument Render(FilterDefinition<BsonDocument> filter) =>
        filter.Render(new RenderArgs<BsonDocument>(BsonDocumentSerializer.Instance, BsonSerializer.SerializerRegistry));

    static BsonDocument Render(WriteModel<BsonDocument> model) =>
        model switch
        {
            ReplaceOneModel<BsonDocument> replace => new BsonDocument("replaceOne", new BsonDocument
            {
                { "filter", Render(replace.Filter) },
                { "replacement", replace.Replacement },
                { "upsert", replace.IsUpsert },
            }),
            DeleteOneModel<BsonDocument> delete => new BsonDocument("deleteOne", new BsonDocument("filter", Render(delete.Filter))),
            _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Not a write the store sends."),
        };

    static string Json(BsonValue value) => value.ToJson(new JsonWriterSettings { Indent = true });

    [Fact]
    public void A_commit_upserts_each_document_only_over_an_older_version_then_parks_then_moves_the_checkpoint()
    {
        var commit = new BsonDocument
        {
            { "orders.bulkWrite(ordered: false)", new BsonArray(MongoRequests.UpsertNewer([Paid]).Select(Render)) },
            { "projection_parked.bulkWrite(ordered: true)", new BsonArray(MongoRequests.ParkAndRelease([Held], [Poison]).Select(Render)) },
            {
                "projection_checkpoints.replaceOne(upsert: true)", new BsonDocument
                {
                    { "filter", Render(MongoRequests.CheckpointBehind("order-documents", new LogPosition(1043, 1043))) },
                    { "replacement", MongoRequests.Checkpoint("order-documents", new LogPosition(1043, 1043)) },
                }
            },
        };

        ApprovedFile.Verify(Json(commit), "mongo.commit");
    }

    [Fact]
    public void A_lease_is_taken_only_when_free_expired_or_already_held_and_given_up_only_by_its_holder()
    {
        var lease = new BsonDocument
        {
            {
                "projection_leases.replaceOne(upsert: true)", new BsonDocument
                {
                    { "filter", Render(MongoRequests.LeaseTakeableBy("order-documents", "orders-1", Monday)) },
                    { "replacement", MongoRequests.Lease("order-documents", "orders-1", Monday.AddSeconds(15)) },
                }
            },
            { "projection_leases.find", Render(MongoRequests.LeaseOf("order-documents")) },
            { "projection_leases.deleteOne", Render(MongoRequests.LeaseHeldBy("order-documents", "orders-1")) },
        };

        ApprovedFile.Verify(Json(lease), "mongo.lease");
    }

    [Fact]
    public void Reads_find_documents_by_id_the_version_alone_and_parked_events_in_log_order()
    {
        var reads = new BsonDocument
        {
            { "orders.find(load)", Render(MongoRequests.ByIds([OrderId, Guid.Parse("6a1f0000-0000-4000-8000-000000000002")])) },
            { "orders.find(get)", Render(MongoRequests.ById(OrderId)) },
            { "orders.find(readVersion).project", MongoRequests.VersionOnly },
            { "projection_parked.find", Render(MongoRequests.ParkedOf("order-documents")) },
            { "projection_parked.sort", MongoRequests.InLogOrder },
        };

        ApprovedFile.Verify(Json(reads), "mongo.reads");
    }

    [Fact]
    public void A_document_survives_the_trip_through_bson_exactly()
    {
        var canceled = Paid with
        {
            Status = "canceled",
            Canceled = true,
            CancelReason = "Changed my mind",
            DeliveredTime = Monday.AddDays(1).AddTicks(7).ToOffset(TimeSpan.FromHours(-5)),
            TotalPrice = 1234.50m,
        };

        foreach (var document in new[] { Paid, canceled })
        {
            var bytes = OrderDocumentBson.ToBson(document).ToBson();
            var read = OrderDocumentBson.FromBson(BsonSerializer.Deserialize<BsonDocument>(bytes));
            Assert.Equal(DocumentJson.Write(document), DocumentJson.Write(read));
        }
    }

    [Fact]
    public void A_parked_event_survives_the_trip_through_bson_whole()
    {
        foreach (var parked in new[] { Poison, Held })
        {
            var read = ParkedEventBson.FromBson(BsonSerializer.Deserialize<BsonDocument>(ParkedEventBson.ToBson(parked).ToBson()));
            Assert.Equal(parked with { Event = parked.Event with { Data = default, Metadata = default } },
                read with { Event = read.Event with { Data = default, Metadata = default } });
            Assert.Equal(parked.Event.Created.Offset, read.Event.Created.Offset);
            Assert.Equal(parked.Event.Data.ToArray(), read.Event.Data.ToArray());
            Assert.Equal(parked.Event.Metadata.ToArray(), read.Event.Metadata.ToArray());
        }
    }
}
