package io.keyline.bench;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.inventory.InventoryRunner;
import io.keyline.inventory.InventorySettings;
import io.keyline.kafka.KafkaInput;
import io.keyline.sink.Catalogs;
import io.keyline.testing.EmbeddedKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The continuous inventory job as {@code keyline run} starts it, embedded, reading CloudTrail from
 * a Kafka broker in this JVM (and, when given one, an estate's input folder too) and sending its
 * alerts to a topic there, with its tables in an embedded Iceberg catalog in a scratch folder that
 * closing deletes.
 *
 * <pre>
 * producer -> cloudtrail topic (one partition per subtask) -> inventory job -> credentials, ...
 *                                                                     \-> alerts topic
 * </pre>
 */
final class StreamingRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingRun.class);

    static final String INPUT_TOPIC = "aws.cloudtrail";
    static final String ALERTS_TOPIC = "keyline.alerts";

    private final Path scratch;
    private final EmbeddedKafka kafka;
    private final KafkaProducer<byte[], byte[]> producer;
    private final CatalogLoader catalog;
    private final int partitions;
    private JobClient job;

    private StreamingRun(Path scratch, EmbeddedKafka kafka, int partitions) {
        this.scratch = scratch;
        this.kafka = kafka;
        this.producer = kafka.producer();
        this.catalog = Catalogs.embedded(scratch.resolve("data"));
        this.partitions = partitions;
    }

    /**
     * Starts a broker, creates the topics and starts the job; returns once the job is submitted (it
     * may still be starting its tasks).
     */
    static StreamingRun start(
            InventorySettings.Builder settings,
            int parallelism,
            Duration checkpointInterval,
            Estate estate)
            throws Exception {
        Path scratch = Files.createTempDirectory("keyline-bench-");
        Files.createDirectories(scratch.resolve("data"));
        StreamingRun run = new StreamingRun(scratch, EmbeddedKafka.start(), parallelism);
        try {
            run.startJob(settings, parallelism, checkpointInterval, estate);
            return run;
        } catch (Exception e) {
            run.close();
            throw e;
        }
    }

    private void startJob(
            InventorySettings.Builder settings,
            int parallelism,
            Duration checkpointInterval,
            Estate estate)
            throws Exception {
        kafka.createTopic(INPUT_TOPIC, partitions);
        kafka.createTopic(ALERTS_TOPIC, 1);
        Fingerprinter fingerprinter =
                estate == null
                        ? Fingerprinter.fromFile(writePepper(scratch.resolve("pepper")))
                        : estate.fingerprinter();
        job =
                InventoryRunner.start(
                        new InventoryRunner.Options(
                                estate == null ? null : estate.input(),
                                catalog,
                                settings.bounded(false).fingerprinter(fingerprinter).build(),
                                parallelism,
                                // Without an estate it watches no folder: Kafka is its only input.
                                Duration.ofSeconds(10),
                                checkpointInterval,
                                scratch.resolve("checkpoints"),
                                new KafkaInput.Settings(
                                        kafka.bootstrapServers(),
                                        Map.of(INPUT_TOPIC, "cloudtrail"),
                                        "keyline-bench",
                                        KafkaInput.Start.EARLIEST,
                                        Map.of(),
                                        false),
                                new InventoryRunner.AlertsOut(
                                        kafka.bootstrapServers(), ALERTS_TOPIC, Map.of()),
                                InventoryRunner.StateBackend.HASHMAP,
                                null));
        LOG.info("Started the inventory job {} on a broker at {}", job.getJobID(), bootstrap());
    }

    /** A fresh random pepper: the benchmark's events carry no secret worth keeping. */
    private static Path writePepper(Path file) throws IOException {
        byte[] pepper = new byte[32];
        new SecureRandom().nextBytes(pepper);
        return Files.writeString(file, HexFormat.of().formatHex(pepper));
    }

    String bootstrap() {
        return kafka.bootstrapServers();
    }

    CatalogLoader catalog() {
        return catalog;
    }

    int partitions() {
        return partitions;
    }

    /** Sends CloudTrail JSON lines to one partition of the input topic and waits for the ack. */
    void send(int partition, String cloudTrailLines) throws Exception {
        producer.send(
                        new ProducerRecord<>(
                                INPUT_TOPIC,
                                partition,
                                null,
                                cloudTrailLines.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    @Override
    public void close() throws Exception {
        try {
            if (job != null) {
                job.cancel().get(1, TimeUnit.MINUTES);
            }
        } finally {
            producer.close();
            kafka.close();
            deleteRecursively(scratch);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
