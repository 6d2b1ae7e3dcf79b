package io.keyline.kafka;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyline.format.Timestamps;
import io.keyline.inventory.AlertRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Alerts on a Kafka topic, one JSON message per alert, keyed by its credential id, so that a SIEM
 * or a chat bot can subscribe; every alert of a credential lands in one partition, in order.
 *
 * <p>Delivery is at least once: a message is flushed before the checkpoint that covers it
 * completes, and a restart from that checkpoint may send again what was sent after it. Each message
 * carries the alert's deterministic {@code alert_id}, the same on every delivery, by which a
 * subscriber drops repeats. Exactly-once delivery would need Kafka transactions, which hold
 * messages back from {@code read_committed} consumers until the next checkpoint, and which fail
 * when a checkpoint outlives the broker's transaction timeout.
 */
@Internal
public final class AlertTopic {

    private AlertTopic() {}

    public static KafkaSink<AlertRecord> sink(
            String bootstrapServers, String topic, Map<String, String> properties) {
        Properties producer = new Properties();
        producer.putAll(properties);
        return KafkaSink.<AlertRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(new Serializer(topic))
                .build();
    }

    /** The message of an alert: the columns of the {@code alerts} table, as JSON. */
    public static byte[] json(AlertRecord a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("alert_id", a.alertId);
            g.writeStringField("rule", a.rule);
            g.writeStringField("severity", a.severity);
            g.writeStringField("credential_id", a.credentialId);
            g.writeStringField("identity_id", a.identityId);
            g.writeStringField("system", a.system);
            g.writeStringField("account", a.account);
            g.writeStringField("privilege_tier", a.privilegeTier);
            g.writeStringField("owner", a.owner);
            g.writeStringField("event_time", Timestamps.iso(a.eventTime));
            g.writeStringField("detected_at", Timestamps.iso(a.detectedAt));
            g.writeFieldName("details");
            if (a.details == null) {
                g.writeNull();
            } else {
                g.writeRawValue(a.details);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static final class Serializer implements KafkaRecordSerializationSchema<AlertRecord> {

        private static final long serialVersionUID = 1L;

        private final String topic;

        Serializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                AlertRecord alert, KafkaSinkContext context, Long timestamp) {
            byte[] key =
                    alert.credentialId == null
                            ? null
                            : alert.credentialId.getBytes(StandardCharsets.UTF_8);
            return new ProducerRecord<>(topic, null, alert.detectedAt, key, json(alert));
        }
    }
}
