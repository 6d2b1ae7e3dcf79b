package io.keyline.kafka;

import io.keyline.format.RawRecord;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The Kafka source of raw records: one or more topics, each carrying one format. A message's value
 * is read as a file of its format would be (see {@link RawRecordDeserializer}), so that a message
 * may hold one event, several JSON lines, a JSON document or a whole CSV report.
 *
 * <p>The reader's offsets live in Flink's checkpoints; they are also committed to the consumer
 * group when a checkpoint completes, for monitoring and for a fresh start without a checkpoint.
 */
@Internal
public final class KafkaInput {

    /** Where a run starts reading when it has no checkpoint to restore. */
    public enum Start {
        /** The consumer group's committed offsets, else the earliest. */
        COMMITTED,
        EARLIEST,
        LATEST
    }

    /**
     * The source's settings.
     *
     * @param topics topic name to format name
     * @param properties further Kafka client properties (security, SASL, timeouts)
     * @param bounded true to stop at the offsets that were the latest when the run began
     */
    public record Settings(
            String bootstrapServers,
            Map<String, String> topics,
            String groupId,
            Start start,
            Map<String, String> properties,
            boolean bounded) {

        public Settings {
            topics = new TreeMap<>(topics);
            properties = new TreeMap<>(properties);
        }
    }

    private KafkaInput() {}

    public static KafkaSource<RawRecord> source(Settings s) {
        KafkaSourceBuilder<RawRecord> builder =
                KafkaSource.<RawRecord>builder()
                        .setBootstrapServers(s.bootstrapServers())
                        .setTopics(new ArrayList<>(s.topics().keySet()))
                        .setGroupId(s.groupId())
                        .setStartingOffsets(startingOffsets(s.start()))
                        .setDeserializer(new RawRecordDeserializer(s.topics()));
        s.properties().forEach(builder::setProperty);
        if (s.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    private static OffsetsInitializer startingOffsets(Start start) {
        switch (start) {
            case EARLIEST:
                return OffsetsInitializer.earliest();
            case LATEST:
                return OffsetsInitializer.latest();
            default:
                return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        }
    }
}
