package io.keyline.inventory;

import io.keyline.model.IdentityEvent;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The outputs of the inventory topology, one stream per table, for sinks or tests to take. */
@PublicEvolving
public record InventoryStreams(
        DataStream<IdentityEvent> events,
        DataStream<CredentialRecord> credentials,
        DataStream<IdentityRecord> identities,
        DataStream<ConsumerRecord> consumers,
        DataStream<LocationRecord> locations,
        DataStream<ReachRecord> reach,
        DataStream<UsageRecord> usage,
        DataStream<AlertRecord> alerts,
        DataStream<DeadLetter> deadLetters) {}
