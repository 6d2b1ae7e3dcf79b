package io.keyline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.Json;
import io.keyline.inventory.AlertRules;
import io.keyline.inventory.InventoryRunner;
import io.keyline.inventory.InventorySettings;
import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import io.keyline.testing.EmbeddedKafka;
import io.keyline.testing.MiniClusters;
import io.keyline.testing.Tables;
import io.keyline.testing.TrailEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A continuous run from Kafka: events produced to a topic while the job runs reach the tables at
 * the next checkpoint, and an alert fired by the watermark is on the alerts topic.
 */
class KafkaStreamingITCase {

    private static final String TOPIC = "aws.cloudtrail";
    private static final String ALERTS = "keyline.alerts";

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2, METRICS);

    @TempDir Path dir;

    @Test
    void eventsProducedWhileTheJobRunsAreInventoriedAndTheirAlertIsPublished() throws Exception {
        // And an event later than the allowed out-of-orderness is counted, applied to the
        // credential, and a dead letter of usage_daily.
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            kafka.createTopic(TOPIC, 2);
            kafka.createTopic(ALERTS, 1);
            Path data = dir.resolve("data");
            Path pepper = MiniClusters.pepper(data);
            CatalogLoader catalog = Catalogs.embedded(data);
            JobClient job =
                    InventoryRunner.start(
                            new InventoryRunner.Options(
                                    null,
                                    catalog,
                                    InventorySettings.builder()
                                            .bounded(false)
                                            .idleness(Duration.ofSeconds(1))
                                            .fingerprinter(Fingerprinter.fromFile(pepper))
                                            .build(),
                                    2,
                                    Duration.ofSeconds(1),
                                    Duration.ofSeconds(1),
                                    dir.resolve("checkpoints"),
                                    new KafkaInput.Settings(
                                            kafka.bootstrapServers(),
                                            Map.of(TOPIC, "cloudtrail"),
                                            "keyline-test",
                                            KafkaInput.Start.EARLIEST,
                                            Map.of(),
                                            false),
                                    new InventoryRunner.AlertsOut(
                                            kafka.bootstrapServers(), ALERTS, Map.of()),
                                    InventoryRunner.StateBackend.HASHMAP,
                                    null));
            try {
                // A person makes an administrator's key: two events in one message.
                producer.send(
                                new ProducerRecord<>(
                                        TOPIC,
                                        bytes(
                                                TrailEvents.newAdminKey(
                                                        "2026-01-01T00:00:00Z",
                                                        "2026-01-01T00:01:00Z",
                                                        "AKIAQX7EXAMPLEKAFK01",
                                                        "svc-k"))))
                        .get();
                Record key =
                        Tables.await(
                                catalog,
                                KeylineTables.CREDENTIALS,
                                r ->
                                        "aws:access-key:AKIAQX7EXAMPLEKAFK01"
                                                        .equals(r.getField("credential_id"))
                                                && "admin".equals(r.getField("privilege_tier")));
                assertThat(key.getField("created_by")).isEqualTo("ana.silva@example.com");

                // Twenty days later, on the other partition, another key's call moves the
                // watermark past the never-used deadline of the first.
                callerIdentity(producer, 1, "2026-01-21T00:00:00Z", TrailEvents.OTHER_KEY);
                callerIdentity(producer, 0, "2026-01-21T00:00:01Z", TrailEvents.OTHER_KEY);
                Record alert =
                        Tables.await(
                                catalog,
                                KeylineTables.ALERTS,
                                r -> AlertRules.UNUSED_PRIVILEGED.equals(r.getField("rule")));
                List<ConsumerRecord<byte[], byte[]>> published =
                        kafka.readAll(ALERTS, 1, Tables.PATIENCE);
                assertThat(published).isNotEmpty();
                JsonNode message = Json.read(published.get(0).value());
                assertThat(message.get("alert_id").asText()).isEqualTo(alert.getField("alert_id"));
                assertThat(message.get("rule").asText()).isEqualTo(AlertRules.UNUSED_PRIVILEGED);
                assertThat(message.get("event_time").asText()).isEqualTo("2026-01-08T00:00:00Z");
                assertThat(new String(published.get(0).key(), StandardCharsets.UTF_8))
                        .isEqualTo("aws:access-key:AKIAQX7EXAMPLEKAFK01");

                // A use of the first key from January 2nd, delivered after the watermark passed
                // January 20th: far later than the allowed 15 minutes.
                callerIdentity(
                        producer,
                        0,
                        "2026-01-02T00:00:00Z",
                        TrailEvents.userKey("AKIAQX7EXAMPLEKAFK01", "svc-k"));
                Tables.await(
                        catalog,
                        KeylineTables.CREDENTIALS,
                        r ->
                                "aws:access-key:AKIAQX7EXAMPLEKAFK01"
                                                .equals(r.getField("credential_id"))
                                        && r.getField("last_used_at") != null);
                Record letter =
                        Tables.await(
                                catalog,
                                KeylineTables.DEAD_LETTERS,
                                r -> String.valueOf(r.getField("reason")).startsWith("late:"));
                assertThat(letter.getField("source")).isEqualTo("cloudtrail");
                awaitCount(job, "drop duplicates", "lateEvents", 1);
                awaitCount(job, "late uses", "lateEvents", 1);
            } finally {
                job.cancel().get();
            }
        }
    }

    /** Waits until the sum over subtasks of an operator's counter reaches {@code expected}. */
    private static void awaitCount(JobClient job, String operator, String name, long expected)
            throws Exception {
        Pattern identifier =
                Pattern.compile(".*\\." + Pattern.quote(operator) + "\\.\\d+\\." + name);
        long deadline = System.nanoTime() + Tables.PATIENCE.toNanos();
        long sum = 0;
        while (System.nanoTime() < deadline) {
            sum = 0;
            for (Map.Entry<MetricGroup, Map<String, Metric>> g :
                    METRICS.getMetricsByGroup().entrySet()) {
                if (!job.getJobID()
                        .toString()
                        .equals(g.getKey().getAllVariables().get("<job_id>"))) {
                    continue;
                }
                for (Map.Entry<String, Metric> m : g.getValue().entrySet()) {
                    if (identifier.matcher(g.getKey().getMetricIdentifier(m.getKey())).matches()) {
                        sum += ((Counter) m.getValue()).getCount();
                    }
                }
            }
            if (sum == expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(operator + " " + name + " is " + sum + ", not " + expected);
    }

    /** Sends a GetCallerIdentity call by {@code identity} at {@code time} to one partition. */
    private static void callerIdentity(
            KafkaProducer<byte[], byte[]> producer, int partition, String time, String identity)
            throws Exception {
        producer.send(
                        new ProducerRecord<>(
                                TOPIC,
                                partition,
                                null,
                                bytes(
                                        TrailEvents.call(
                                                time,
                                                "GetCallerIdentity",
                                                identity,
                                                "null",
                                                "null"))))
                .get();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
