package io.keyline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.cli.Keyline;
import io.keyline.demo.EstateGenerator;
import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.Json;
import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableReader;
import io.keyline.testing.AlertKeys;
import io.keyline.testing.EmbeddedKafka;
import io.keyline.testing.InputParse;
import io.keyline.testing.MiniClusters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inventory job reading a generated AWS estate from Kafka, one topic per format and one file
 * per message, with its settings from a file, and sending its alerts to a topic: the tables equal
 * the ground truth, bad messages are dead letters, a message delivered twice counts once, and the
 * alerts topic holds every alert once, keyed by its credential.
 */
class KafkaITCase {

    private static final String ALERTS = "keyline.alerts";

    /** Messages that cannot be parsed, one dead letter each. */
    private static final List<byte[]> HOSTILE =
            List.of(
                    "{\"Records\":[{\"eventVersion\":".getBytes(StandardCharsets.UTF_8),
                    "\u0000\u0000\u0000".getBytes(StandardCharsets.UTF_8),
                    // The start of a gzip stream, cut off.
                    new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x4b},
                    new byte[0]);

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    @TempDir static Path dir;

    private static EmbeddedKafka kafka;
    private static Path input;
    private static Path data;
    private static CatalogLoader catalog;
    private static JsonNode truth;
    private static String printed;
    private static int code;

    @BeforeAll
    static void produceAndRun() throws Exception {
        input = dir.resolve("input");
        data = dir.resolve("data");
        EstateGenerator.generate(
                new EstateGenerator.Options(300, 6, 11L, LocalDate.of(2026, 11, 1), input));
        truth = Json.read(Files.readAllBytes(input.resolve("_ground-truth.json")));
        MiniClusters.pepper(data);
        catalog = Catalogs.embedded(data);

        kafka = EmbeddedKafka.start();
        Map<String, String> topics = new TreeMap<>();
        try (Stream<Path> formats = Files.list(input)) {
            for (Path folder : formats.filter(Files::isDirectory).collect(Collectors.toList())) {
                String format = folder.getFileName().toString();
                String topic = "raw." + format;
                kafka.createTopic(topic, 2);
                topics.put(topic, format);
            }
        }
        kafka.createTopic(ALERTS, 2);
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            List<Path> files;
            try (Stream<Path> all = Files.walk(input)) {
                files = all.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
            }
            String first = null;
            for (Path file : files) {
                Path relative = input.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue;
                }
                String topic = "raw." + relative.getName(0);
                EmbeddedKafka.sendFile(producer, topic, relative.toString(), file);
                if (first == null && topic.equals("raw.cloudtrail")) {
                    first = relative.toString();
                    // Delivered twice, as Kafka and CloudTrail both may.
                    EmbeddedKafka.sendFile(producer, topic, first, file);
                }
            }
            for (byte[] bad : HOSTILE) {
                producer.send(
                                new ProducerRecord<>(
                                        "raw.cloudtrail",
                                        0,
                                        "hostile".getBytes(StandardCharsets.UTF_8),
                                        bad))
                        .get();
            }
            producer.flush();
        }

        StringBuilder settings = new StringBuilder();
        settings.append("kafka-bootstrap=").append(kafka.bootstrapServers()).append('\n');
        settings.append("kafka-topic=")
                .append(
                        topics.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining(",")))
                .append('\n');
        settings.append("kafka-start=earliest\n");
        settings.append("kafka-property.client.id=keyline-test\n");
        settings.append("alerts-topic=").append(ALERTS).append('\n');
        settings.append("bounded=true\n");
        settings.append("parallelism=2\n");
        // A flag given on the command line wins over the file.
        settings.append("warehouse=").append(dir.resolve("not-here")).append('\n');
        Path config = Files.writeString(dir.resolve("keyline.properties"), settings.toString());

        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code =
                    Keyline.execute(
                            "run", "--config", config.toString(), "--warehouse", data.toString());
        } finally {
            System.setOut(out);
        }
        printed = captured.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static List<Record> rows(KeylineTables.Spec spec) throws Exception {
        try (TableReader tables = new TableReader(catalog)) {
            return tables.rows(spec);
        }
    }

    private static String iso(Object time) {
        return time == null ? null : ((OffsetDateTime) time).toInstant().toString();
    }

    @Test
    void theRunEndsAndItsSettingsCameFromTheFileWithTheFlagWinning() {
        assertThat(code).as(printed).isZero();
        assertThat(printed).contains("Inventory written to " + data.toAbsolutePath());
        assertThat(dir.resolve("not-here")).doesNotExist();
    }

    @Test
    void alertsAndCredentialsAreExactlyThoseOfTheGroundTruth() throws Exception {
        Set<String> expected = AlertKeys.ofTruth(truth.get("alerts"));
        List<Record> alerts = rows(KeylineTables.ALERTS);
        Set<String> written = AlertKeys.of(alerts);
        assertThat(written).isEqualTo(expected).hasSameSizeAs(alerts);
        Set<String> credentials = new TreeSet<>();
        truth.get("credentials").forEach(c -> credentials.add(c.get("credential_id").asText()));
        Set<String> listed =
                rows(KeylineTables.CREDENTIALS).stream()
                        .map(r -> (String) r.getField("credential_id"))
                        .collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).isEqualTo(credentials);
    }

    @Test
    void aMessageDeliveredTwiceCountsOnce() throws Exception {
        List<String> written =
                rows(KeylineTables.EVENTS).stream()
                        .map(r -> (String) r.getField("event_id"))
                        .collect(Collectors.toList());
        assertThat(written).doesNotHaveDuplicates();
        Fingerprinter fingerprinter = Fingerprinter.fromFile(data.resolve("pepper"));
        assertThat(new TreeSet<>(written))
                .isEqualTo(new TreeSet<>(InputParse.of(input, fingerprinter).eventIds()));
    }

    @Test
    void badMessagesAndThePlantedBadRecordsAreDeadLettersWithTheirReasons() throws Exception {
        List<Record> letters = rows(KeylineTables.DEAD_LETTERS);
        assertThat(letters).hasSize(truth.get("deadLetters").size() + HOSTILE.size());
        assertThat(letters)
                .allSatisfy(
                        d -> {
                            assertThat((String) d.getField("origin")).startsWith("kafka:raw.");
                            assertThat((String) d.getField("reason")).isNotBlank();
                        });
        assertThat(letters)
                .extracting(d -> (String) d.getField("reason"))
                .contains(
                        "the message has no value",
                        "the message cannot be read: it ends too early (truncated or incomplete"
                                + " gzip)");
    }

    @Test
    void theAlertsTopicHoldsEveryAlertOnceKeyedByItsCredential() throws Exception {
        Map<String, Record> alerts = new HashMap<>();
        for (Record r : rows(KeylineTables.ALERTS)) {
            alerts.put((String) r.getField("alert_id"), r);
        }
        List<ConsumerRecord<byte[], byte[]>> messages =
                kafka.readAll(ALERTS, alerts.size(), Duration.ofSeconds(30));
        Map<String, JsonNode> byId = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> m : messages) {
            JsonNode alert = Json.read(m.value());
            String id = alert.get("alert_id").asText();
            byId.put(id, alert);
            assertThat(new String(m.key(), StandardCharsets.UTF_8))
                    .isEqualTo(alert.get("credential_id").asText());
        }
        // At least once: a repeat carries the same alert_id, by which subscribers drop it.
        assertThat(byId.keySet()).isEqualTo(alerts.keySet());
        for (Map.Entry<String, JsonNode> e : byId.entrySet()) {
            Record row = alerts.get(e.getKey());
            JsonNode alert = e.getValue();
            assertThat(alert.get("rule").asText()).isEqualTo(row.getField("rule"));
            assertThat(alert.get("severity").asText()).isEqualTo(row.getField("severity"));
            assertThat(alert.get("event_time").asText()).isEqualTo(iso(row.getField("event_time")));
            assertThat(alert.get("details").isObject()).isTrue();
        }
    }
}
