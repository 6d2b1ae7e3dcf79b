package io.keyline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The alerts topic as a subscriber reads it: one consumer on every partition from the start,
 * remembering which rule fired for which credential, and when.
 */
final class AlertsTopic implements AutoCloseable {

    /**
     * An alert read from the topic.
     *
     * @param readNanos the {@link System#nanoTime()} at which it was read
     * @param detectedAt when the job fired it (its {@code detected_at})
     */
    record Arrival(long readNanos, Instant detectedAt) {}

    /** The longest a poll waits when nothing arrives; a message ends the wait at once. */
    private static final Duration POLL = Duration.ofMillis(50);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Instant> detected = new HashMap<>();

    AlertsTopic(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions =
                consumer.partitionsFor(topic).stream()
                        .map(i -> new TopicPartition(topic, i.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads the topic until an alert of {@code rule} for the credential has come. */
    Arrival awaitAlert(String credentialId, String rule, Duration patience)
            throws TimeoutException {
        long deadline = System.nanoTime() + patience.toNanos();
        String wanted = key(credentialId, rule);
        while (!detected.containsKey(wanted)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        "No "
                                + rule
                                + " alert of "
                                + credentialId
                                + " came on the alerts topic within "
                                + patience.toSeconds()
                                + " s.");
            }
            for (ConsumerRecord<byte[], byte[]> message : consumer.poll(POLL)) {
                remember(message);
            }
        }
        return new Arrival(System.nanoTime(), detected.get(wanted));
    }

    private void remember(ConsumerRecord<byte[], byte[]> message) {
        if (message.key() == null) {
            return;
        }
        try {
            JsonNode alert = Json.read(message.value());
            detected.put(
                    key(
                            new String(message.key(), StandardCharsets.UTF_8),
                            alert.path("rule").asText()),
                    Instant.parse(alert.path("detected_at").asText()));
        } catch (MalformedRecordException e) {
            throw new IllegalStateException(
                    "The alerts topic holds a message that is not JSON, at offset "
                            + message.offset()
                            + " of partition "
                            + message.partition()
                            + ".",
                    e);
        }
    }

    private static String key(String credentialId, String rule) {
        return credentialId + "|" + rule;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
