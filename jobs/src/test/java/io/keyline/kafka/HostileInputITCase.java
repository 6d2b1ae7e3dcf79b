package io.keyline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.inventory.InventoryRunner;
import io.keyline.inventory.InventorySettings;
import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import io.keyline.testing.EmbeddedKafka;
import io.keyline.testing.MiniClusters;
import io.keyline.testing.Tables;
import io.keyline.testing.TrailEvents;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of hostile inputs, each as a file and as a Kafka message, among good ones: the job stays
 * up and ends, every hostile input is exactly one dead letter with its reason, and the good input
 * is inventoried as usual.
 */
class HostileInputITCase {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2, METRICS);

    @TempDir Path dir;

    /** One hostile input: where it goes, its bytes, and a word its dead letter's reason holds. */
    record Hostile(String format, String name, byte[] bytes, String reason) {}

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String event(String time) {
        return TrailEvents.call(time, "GetCallerIdentity", TrailEvents.OTHER_KEY, "null", "null")
                .trim();
    }

    private static List<Hostile> corpus() throws Exception {
        List<Hostile> c = new ArrayList<>();
        String good = event("2026-01-02T00:00:00Z");
        // JSON broken every way.
        c.add(
                new Hostile(
                        "cloudtrail", "truncated.json", utf8(good.substring(0, 60)), "not closed"));
        c.add(new Hostile("cloudtrail", "invalid.json", utf8("{eventTime: 2026}"), "JSON"));
        c.add(new Hostile("cloudtrail", "trailing-comma.json", utf8("{\"a\":1,}"), "JSON"));
        c.add(
                new Hostile(
                        "cloudtrail",
                        "invalid-utf8.json",
                        concat(
                                utf8("{\"eventTime\":\"2026-01-02T00:00:00Z\",\"eventName\":\""),
                                new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3},
                                utf8("\"}")),
                        "malformed"));
        c.add(new Hostile("cloudtrail", "null-bytes.json", new byte[] {0, 0, 0, 0}, "JSON"));
        c.add(new Hostile("cloudtrail", "string.json", utf8("\"hello\""), "not"));
        c.add(new Hostile("cloudtrail", "number.json", utf8("42"), "not"));
        c.add(new Hostile("cloudtrail", "null.json", utf8("null"), "not"));
        c.add(
                new Hostile(
                        "cloudtrail",
                        "deep.json",
                        utf8("[".repeat(10_000) + "]".repeat(10_000)),
                        ""));
        c.add(
                new Hostile(
                        "cloudtrail",
                        "ten-megabytes.json",
                        utf8("{\"padding\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}"),
                        ""));
        // CloudTrail events of the wrong shape.
        c.add(
                new Hostile(
                        "cloudtrail",
                        "wrong-time-type.json",
                        utf8(good.replace("\"2026-01-02T00:00:00Z\"", "12345")),
                        "eventTime"));
        c.add(
                new Hostile(
                        "cloudtrail",
                        "bad-time.json",
                        utf8(good.replace("2026-01-02T00:00:00Z", "yesterday")),
                        "eventTime"));
        c.add(
                new Hostile(
                        "cloudtrail",
                        "no-time.json",
                        utf8(
                                "{\"eventName\":\"GetCallerIdentity\",\"eventSource\":\"sts.amazonaws.com\"}"),
                        ""));
        c.add(
                new Hostile(
                        "cloudtrail",
                        "identity-string.json",
                        utf8(
                                good.replaceFirst(
                                        "\"userIdentity\":\\{[^}]*\\}",
                                        "\"userIdentity\":\"root\"")),
                        ""));
        c.add(
                new Hostile(
                        "cloudtrail",
                        "far-past.json",
                        utf8(event("1970-01-01T00:00:00Z")),
                        "out of range"));
        c.add(
                new Hostile(
                        "cloudtrail",
                        "far-future.json",
                        utf8(event("9999-12-31T23:59:59Z")),
                        "out of range"));
        c.add(
                new Hostile(
                        "cloudtrail",
                        "records-not-array.json",
                        utf8("{\"Records\":{\"a\":1}}"),
                        ""));
        // Compression gone wrong.
        byte[] gzip = gzip(utf8(good));
        c.add(
                new Hostile(
                        "cloudtrail",
                        "truncated.json.gz",
                        Arrays.copyOf(gzip, gzip.length / 2),
                        "gzip"));
        c.add(new Hostile("cloudtrail", "bomb.json.gz", gzip(new byte[64 * 1024 * 1024]), ""));
        // Every other family of formats, broken.
        c.add(new Hostile("aws-authorization-details", "list.json", utf8("[1,2]"), ""));
        c.add(
                new Hostile(
                        "aws-access-keys",
                        "keys.json",
                        utf8("{\"AccessKeyMetadata\":\"none\"}"),
                        ""));
        c.add(
                new Hostile(
                        "aws-credential-report",
                        "report.csv",
                        utf8("name,not,the,header\nx,y,z,w\n"),
                        ""));
        c.add(
                new Hostile(
                        "okta-system-log",
                        "log.json",
                        utf8("{\"eventType\":\"user.session.start\",\"published\":true}"),
                        ""));
        c.add(
                new Hostile(
                        "github-audit",
                        "audit.json",
                        utf8("{\"action\":7,\"@timestamp\":\"x\"}"),
                        ""));
        c.add(
                new Hostile(
                        "gcp-audit",
                        "audit.json",
                        utf8("{\"protoPayload\":[],\"timestamp\":1}"),
                        ""));
        c.add(new Hostile("azure-signin", "signin.json", utf8("{\"records\":\"none\"}"), ""));
        c.add(
                new Hostile(
                        "k8s-audit",
                        "audit.json",
                        utf8("{\"kind\":\"Event\",\"stageTimestamp\":[1]}"),
                        ""));
        c.add(
                new Hostile(
                        "vault-audit",
                        "audit.json",
                        utf8("{\"type\":\"request\",\"time\":{}}"),
                        ""));
        c.add(new Hostile("gitleaks", "report.json", utf8("{\"Secret\":[]}"), ""));
        c.add(new Hostile("hr-people", "people.csv", utf8("who,what\nx,y\n"), ""));
        return c;
    }

    private static byte[] gzip(byte[] content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(content);
        }
        return out.toByteArray();
    }

    @Test
    void everyHostileInputIsOneDeadLetterAndTheGoodOnesGoThrough() throws Exception {
        List<Hostile> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);
        Path input = dir.resolve("input");
        Map<String, String> topics = new TreeMap<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (Hostile h : corpus) {
                Path file = input.resolve(h.format()).resolve(h.name());
                Files.createDirectories(file.getParent());
                Files.write(file, h.bytes());
                String topic = "raw." + h.format();
                if (topics.put(topic, h.format()) == null) {
                    kafka.createTopic(topic, 1);
                }
                producer.send(
                                new ProducerRecord<>(
                                        topic, utf8(h.format() + "/" + h.name()), h.bytes()))
                        .get();
            }
            // A format no parser knows, on a topic of its own (the command line refuses such a
            // mapping; the job itself must survive it too).
            kafka.createTopic("raw.unknown", 1);
            topics.put("raw.unknown", "no-such-format");
            producer.send(new ProducerRecord<>("raw.unknown", utf8("{}"))).get();
            // Good input, through both: the same event twice counts once.
            String good = event("2026-01-02T00:00:00Z") + "\n";
            Files.writeString(input.resolve("cloudtrail").resolve("good.jsonl"), good);
            producer.send(new ProducerRecord<>("raw.cloudtrail", utf8(good))).get();

            Path data = dir.resolve("data");
            CatalogLoader catalog = Catalogs.embedded(data);
            JobExecutionResult result =
                    InventoryRunner.run(
                            new InventoryRunner.Options(
                                    input,
                                    catalog,
                                    InventorySettings.builder()
                                            .bounded(true)
                                            .fingerprinter(
                                                    Fingerprinter.fromFile(
                                                            MiniClusters.pepper(data)))
                                            .build(),
                                    2,
                                    Duration.ofSeconds(1),
                                    Duration.ofSeconds(2),
                                    data.resolve("checkpoints"),
                                    new KafkaInput.Settings(
                                            kafka.bootstrapServers(),
                                            topics,
                                            "hostile",
                                            KafkaInput.Start.EARLIEST,
                                            Map.of(),
                                            true),
                                    null,
                                    InventoryRunner.StateBackend.HASHMAP,
                                    null));

            List<Record> letters = Tables.rows(catalog, KeylineTables.DEAD_LETTERS);
            Map<String, List<String>> byInput = new LinkedHashMap<>();
            for (Record d : letters) {
                String origin = (String) d.getField("origin");
                byInput.computeIfAbsent(origin, k -> new ArrayList<>())
                        .add((String) d.getField("reason"));
            }
            // One dead letter per hostile input and per source, each with its reason.
            List<String> wrong = new ArrayList<>();
            for (Hostile h : corpus) {
                String path = h.format() + "/" + h.name();
                List<String> fromFile =
                        byInput.entrySet().stream()
                                .filter(
                                        e ->
                                                !e.getKey().startsWith("kafka:")
                                                        && e.getKey().endsWith(path))
                                .flatMap(e -> e.getValue().stream())
                                .collect(Collectors.toList());
                List<String> fromKafka =
                        byInput.entrySet().stream()
                                .filter(
                                        e ->
                                                e.getKey().startsWith("kafka:")
                                                        && e.getKey().endsWith("/" + path))
                                .flatMap(e -> e.getValue().stream())
                                .collect(Collectors.toList());
                if (fromFile.size() != 1
                        || fromFile.get(0).isBlank()
                        || !fromFile.get(0).contains(h.reason())
                        || fromKafka.size() != 1
                        || fromKafka.get(0).isBlank()
                        || !fromKafka.get(0).contains(h.reason())) {
                    wrong.add(path + ": file " + fromFile + ", message " + fromKafka);
                }
            }
            assertThat(wrong).isEmpty();
            assertThat(letters).hasSize(2 * corpus.size() + 1);
            assertThat(letters)
                    .extracting(d -> (String) d.getField("reason"))
                    .contains("the topic raw.unknown is not mapped to a known format");
            assertThat(Tables.rows(catalog, KeylineTables.CREDENTIALS))
                    .extracting(r -> (String) r.getField("credential_id"))
                    .containsExactly("aws:access-key:AKIAQX7EXAMPLECONT02");

            // The job's own count of what it read, rejected and dropped matches the tables.
            // Identifiers may repeat (two operators of one name), so they are listed, not keyed.
            List<Map.Entry<String, Metric>> metrics = new ArrayList<>();
            METRICS.getMetricsByGroup()
                    .forEach(
                            (group, byName) -> {
                                if (result.getJobID()
                                        .toString()
                                        .equals(group.getAllVariables().get("<job_id>"))) {
                                    byName.forEach(
                                            (metric, value) ->
                                                    metrics.add(
                                                            Map.entry(
                                                                    group.getMetricIdentifier(
                                                                            metric),
                                                                    value)));
                                }
                            });
            assertThat(count(metrics, "parse", "deadLetters")).isEqualTo(letters.size());
            for (String counter : List.of("rawRecords", "identityEvents", "deadLetters")) {
                assertThat(count(metrics, "parse", "format\\.[^.]+\\." + counter))
                        .as("the per-format %s add up to the total", counter)
                        .isEqualTo(count(metrics, "parse", counter));
            }
            assertThat(count(metrics, "parse", "format\\.unknown\\.deadLetters")).isEqualTo(1);
            assertThat(count(metrics, "parse", "format\\.cloudtrail\\.deadLetters"))
                    .isEqualTo(
                            2
                                    * corpus.stream()
                                            .filter(h -> h.format().equals("cloudtrail"))
                                            .count());
            // The good event came twice: two events parsed, one dropped as a duplicate.
            assertThat(count(metrics, "parse", "identityEvents")).isEqualTo(2);
            assertThat(count(metrics, "drop duplicates", "duplicateEvents")).isEqualTo(1);
            assertThat(Tables.rows(catalog, KeylineTables.EVENTS)).hasSize(1);
            assertThat(count(metrics, "credential lineage", "eventsIn")).isEqualTo(1);
            assertThat(count(metrics, "late uses", "lateEvents")).isZero();
            assertThat(metrics)
                    .extracting(Map.Entry::getKey)
                    .anyMatch(k -> k.matches(".*\\.drop duplicates\\.\\d+\\.watermarkLagMs"));
        }
    }

    /**
     * The sum over the subtasks of {@code operator} of the counters whose name within it matches
     * {@code name} (a regular expression); a counter that is not there fails.
     */
    private static long count(
            List<Map.Entry<String, Metric>> metrics, String operator, String name) {
        Pattern identifier =
                Pattern.compile(".*\\." + Pattern.quote(operator) + "\\.\\d+\\." + name);
        List<Counter> found =
                metrics.stream()
                        .filter(e -> identifier.matcher(e.getKey()).matches())
                        .map(e -> (Counter) e.getValue())
                        .collect(Collectors.toList());
        assertThat(found).as("counters %s of %s", name, operator).isNotEmpty();
        return found.stream().mapToLong(Counter::getCount).sum();
    }
}
