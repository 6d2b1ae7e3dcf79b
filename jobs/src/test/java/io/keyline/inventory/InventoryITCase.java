package io.keyline.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.demo.EstateGenerator;
import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.Json;
import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableReader;
import io.keyline.testing.AlertKeys;
import io.keyline.testing.InputParse;
import io.keyline.testing.MiniClusters;
import io.keyline.testing.SecretSearch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole inventory job on a MiniCluster at parallelism 2: a generated AWS estate in, the Iceberg
 * tables read back and compared with the generator's ground truth, exactly.
 */
class InventoryITCase {

    private static final int PARALLELISM = 2;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(PARALLELISM);

    @TempDir static Path dir;

    private static Path input;
    private static Path data;
    private static CatalogLoader catalog;
    private static Fingerprinter fingerprinter;
    private static JsonNode truth;

    @BeforeAll
    static void generateAndRun() throws Exception {
        input = dir.resolve("input");
        data = dir.resolve("data");
        EstateGenerator.generate(
                new EstateGenerator.Options(600, 12, 42L, LocalDate.of(2026, 11, 1), input));
        // The file source skips names starting with '_': the ground truth stays beside the input.
        truth = Json.read(Files.readAllBytes(input.resolve("_ground-truth.json")));

        fingerprinter = Fingerprinter.fromFile(MiniClusters.pepper(data));
        catalog = Catalogs.embedded(data);
        MiniClusters.createUncompressedTables(catalog);

        InventoryRunner.run(
                new InventoryRunner.Options(
                        input,
                        catalog,
                        InventorySettings.builder()
                                .bounded(true)
                                .fingerprinter(fingerprinter)
                                .build(),
                        PARALLELISM,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(2),
                        dir.resolve("checkpoints")));
    }

    private static List<Record> rows(KeylineTables.Spec spec) throws Exception {
        try (TableReader tables = new TableReader(catalog)) {
            return tables.rows(spec);
        }
    }

    private static String iso(Object time) {
        return time == null ? null : ((OffsetDateTime) time).toInstant().toString();
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Test
    void everyEventTheParsersMakeOfTheInputIsInTheEventsTable() throws Exception {
        InputParse.Result parsed = InputParse.of(input, fingerprinter);
        List<String> written =
                rows(KeylineTables.EVENTS).stream()
                        .map(r -> (String) r.getField("event_id"))
                        .collect(Collectors.toList());
        assertThat(written).doesNotHaveDuplicates();
        assertThat(new HashSet<>(written)).isEqualTo(parsed.eventIds());
        assertThat(written.size()).isGreaterThan(1_000);
    }

    @Test
    void credentialsHaveExactlyThePlantedStatusesCreatorsOwnersTiersAndLastUse() throws Exception {
        Map<String, Record> written = new HashMap<>();
        for (Record r : rows(KeylineTables.CREDENTIALS)) {
            written.put((String) r.getField("credential_id"), r);
        }
        Set<String> planted = new TreeSet<>();
        List<String> mismatches = new java.util.ArrayList<>();
        for (JsonNode expected : truth.get("credentials")) {
            String id = expected.get("credential_id").asText();
            planted.add(id);
            Record row = written.get(id);
            if (row == null) {
                mismatches.add(id + ": missing");
                continue;
            }
            Map<String, Object> actual = new java.util.LinkedHashMap<>();
            actual.put("identity_id", row.getField("identity_id"));
            actual.put("status", row.getField("status"));
            actual.put("created_at", iso(row.getField("created_at")));
            actual.put("created_by", row.getField("created_by"));
            actual.put("owner", row.getField("owner"));
            actual.put("owner_source", row.getField("owner_source"));
            actual.put("privilege_tier", row.getField("privilege_tier"));
            actual.put("last_used_at", iso(row.getField("last_used_at")));
            actual.forEach(
                    (column, value) -> {
                        String want = textOrNull(expected, column);
                        if (!java.util.Objects.equals(want, value)) {
                            mismatches.add(
                                    id + " " + column + ": expected " + want + ", was " + value);
                        }
                    });
            int consumers = expected.get("consumer_count").asInt();
            if (!Integer.valueOf(consumers).equals(row.getField("consumer_count"))) {
                mismatches.add(
                        id
                                + " consumer_count: expected "
                                + consumers
                                + ", was "
                                + row.getField("consumer_count"));
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(new TreeSet<>(written.keySet())).isEqualTo(planted);
    }

    @Test
    void alertsAreExactlyThePlantedOnesAsOfTheEndOfTheInput() throws Exception {
        Set<String> expected = AlertKeys.ofTruth(truth.get("alerts"));
        List<Record> alerts = rows(KeylineTables.ALERTS);
        Set<String> written = AlertKeys.of(alerts);
        assertThat(alerts).hasSameSizeAs(written);
        assertThat(written).isEqualTo(expected);
        assertThat(expected).hasSizeGreaterThan(10);
        // Nothing is due after the end of the input: a key used yesterday is not unused.
        Instant asOf = Instant.parse(truth.get("asOf").asText());
        assertThat(alerts)
                .allSatisfy(
                        a ->
                                assertThat(((OffsetDateTime) a.getField("event_time")).toInstant())
                                        .isBeforeOrEqualTo(asOf));
    }

    @Test
    void thePlantedBadInputIsInTheDeadLettersWithItsFileAndHash() throws Exception {
        List<Record> letters = rows(KeylineTables.DEAD_LETTERS);
        assertThat(letters).hasSize(truth.get("deadLetters").size());
        for (JsonNode planted : truth.get("deadLetters")) {
            String file = planted.get("file").asText();
            assertThat(letters)
                    .as(file)
                    .anySatisfy(
                            d -> {
                                assertThat((String) d.getField("origin")).endsWith(file);
                                assertThat((String) d.getField("reason")).isNotBlank();
                                assertThat((String) d.getField("payload_sha256")).hasSize(64);
                            });
        }
    }

    @Test
    void identitiesHoldEveryUserOfTheEstate() throws Exception {
        long users =
                rows(KeylineTables.IDENTITIES).stream()
                        .filter(r -> "user".equals(r.getField("identity_type")))
                        .count();
        assertThat(users).isEqualTo(truth.get("counts").get("users").asLong());
    }

    @Test
    void noPlantedSecretReachesAnyFileTheJobWrote() throws Exception {
        List<String> secrets = new java.util.ArrayList<>();
        truth.get("secrets").forEach(s -> secrets.add(s.asText()));
        assertThat(secrets).isNotEmpty();
        // The secrets are in the input, and the search finds text in what the job wrote.
        assertThat(SecretSearch.filesContaining(input.resolve("cloudtrail"), secrets)).isNotEmpty();
        assertThat(SecretSearch.filesContaining(input.resolve("aws-access-keys"), secrets))
                .isNotEmpty();
        String someCredential = truth.get("credentials").get(0).get("credential_id").asText();
        assertThat(SecretSearch.filesContaining(data, List.of(someCredential))).isNotEmpty();

        assertThat(SecretSearch.filesContaining(data, secrets)).isEmpty();
        assertThat(SecretSearch.filesContaining(Path.of("target", "test.log"), secrets)).isEmpty();
        for (KeylineTables.Spec spec : KeylineTables.ALL.values()) {
            for (Record r : rows(spec)) {
                String row = r.toString();
                for (String secret : secrets) {
                    assertThat(row).as(spec.name()).doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void theQueryAndLineageCommandsReadWhatTheJobWrote() throws Exception {
        String unused = null;
        for (JsonNode a : truth.get("alerts")) {
            if (a.get("rule").asText().equals(AlertRules.UNUSED_PRIVILEGED)) {
                unused = a.get("credential_id").asText();
                break;
            }
        }
        assertThat(unused).isNotNull();
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(
                new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        int query;
        int lineage;
        String queried;
        try {
            query =
                    io.keyline.cli.Keyline.execute(
                            "query",
                            "--warehouse",
                            data.toString(),
                            "SELECT count(*) AS n FROM credentials WHERE status = 'Active'");
            queried = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
            captured.reset();
            lineage =
                    io.keyline.cli.Keyline.execute(
                            "lineage", "--warehouse", data.toString(), unused);
        } finally {
            System.setOut(original);
        }
        long active = 0;
        for (JsonNode c : truth.get("credentials")) {
            active += c.get("status").asText().equals("Active") ? 1 : 0;
        }
        assertThat(query).isZero();
        assertThat(queried.trim()).isEqualTo("n\n" + active);
        assertThat(lineage).isZero();
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
                .startsWith(unused + "  [AWS_ACCESS_KEY, Active")
                .contains("├─ identity: arn:aws:iam::")
                .contains("unused-privileged-credential [high] since ");
    }
}
