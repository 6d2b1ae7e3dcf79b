package io.keyline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The files of two small estates, read back as Keyline would: a single account (both delivery forms
 * in one account) and two accounts (cross-account sessions, URL-encoded documents).
 */
class GeneratedEstateTest {

    private static final String[] REQUIRED = {
        "eventVersion",
        "userIdentity",
        "eventTime",
        "eventSource",
        "eventName",
        "awsRegion",
        "sourceIPAddress",
        "userAgent",
        "requestParameters",
        "responseElements",
        "requestID",
        "eventID",
        "readOnly",
        "eventType",
        "managementEvent",
        "recipientAccountId",
        "eventCategory"
    };

    @TempDir static Path dir;

    private static GeneratedTree oneAccount;
    private static GeneratedTree twoAccounts;

    @BeforeAll
    static void generate() throws IOException {
        oneAccount = GeneratedTree.generate(dir.resolve("one"), 300, 5, 7);
        twoAccounts = GeneratedTree.generate(dir.resolve("two"), 2500, 2, 8);
    }

    static Stream<Arguments> estates() {
        return Stream.of(
                Arguments.of("one account", oneAccount), Arguments.of("two accounts", twoAccounts));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("estates")
    void everyFileParsesExceptThePlantedOnes(String name, GeneratedTree tree) throws IOException {
        List<String> planted = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (JsonNode dead : tree.truth().get("deadLetters")) {
            String file = dead.get("file").asText();
            planted.add(file);
            reasons.add(dead.get("reason").asText() + " in " + file.substring(file.indexOf('.')));
        }

        GeneratedTree.Trail trail = tree.trail();

        assertThat(trail.unreadable()).containsExactlyInAnyOrderElementsOf(planted);
        assertThat(reasons)
                .containsExactly(
                        "truncated-gzip in .json.gz",
                        "invalid-json in .jsonl",
                        "wrong-types in .jsonl");
        for (String file : tree.files()) {
            if (file.startsWith("cloudtrail/")) {
                continue;
            }
            if (file.endsWith(".json")) {
                assertThat(GeneratedTree.JSON.readTree(tree.text(file)).isObject())
                        .as(file)
                        .isTrue();
            } else if (file.endsWith(".jsonl")) {
                for (String line : tree.text(file).split("\n")) {
                    assertThat(GeneratedTree.JSON.readTree(line).isObject()).as(file).isTrue();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("estates")
    void everyRecordHasTheRequiredFieldsAndAUniqueEventId(String name, GeneratedTree tree)
            throws IOException {
        JsonNode truth = tree.truth();
        String start = truth.get("start").asText();
        String end = truth.get("end").asText();
        Set<String> ids = new HashSet<>();

        List<JsonNode> records = tree.trail().records();

        assertThat(records).hasSize(truth.get("counts").get("cloudTrailRecords").asInt());
        for (JsonNode r : records) {
            assertThat(r.fieldNames()).toIterable().contains(REQUIRED);
            String time = r.get("eventTime").asText();
            assertThat(time).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(time.compareTo(start)).isGreaterThanOrEqualTo(0);
            assertThat(time.compareTo(end)).isLessThan(0);
            assertThat(r.get("eventType").asText()).isEqualTo("AwsApiCall");
            assertThat(ids.add(r.get("eventID").asText())).as("unique eventID").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("estates")
    void theCredentialReportHas22ColumnsAndNoTrailingNewline(String name, GeneratedTree tree)
            throws IOException {
        for (String file : tree.files("aws-credential-report/", ".csv")) {
            String text = tree.text(file);
            assertThat(text).startsWith(CredentialReportWriter.HEADER + "\n").doesNotEndWith("\n");
            for (String row : text.split("\n")) {
                assertThat(row.split(",", -1)).as(row).hasSize(22);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("estates")
    void theListingsAgreeWithTheGroundTruth(String name, GeneratedTree tree) throws IOException {
        Map<String, String> listed = new HashMap<>();
        for (String file : tree.files("aws-access-keys/", "-list-access-keys.jsonl")) {
            for (String line : tree.text(file).split("\n")) {
                for (JsonNode key : GeneratedTree.JSON.readTree(line).get("AccessKeyMetadata")) {
                    listed.put(
                            "aws:access-key:" + key.get("AccessKeyId").asText(),
                            key.get("Status").asText());
                }
            }
        }
        Map<String, String[]> reportRows = new HashMap<>();
        for (String file : tree.files("aws-credential-report/", ".csv")) {
            for (String row : tree.text(file).split("\n")) {
                String[] cells = row.split(",", -1);
                reportRows.put(cells[1], cells);
            }
        }

        int deleted = 0;
        for (JsonNode c : tree.truth().get("credentials")) {
            String id = c.get("credential_id").asText();
            String status = c.get("status").asText();
            if (status.equals("Deleted")) {
                deleted++;
                assertThat(listed).doesNotContainKey(id);
            } else {
                assertThat(listed).containsEntry(id, status);
                assertThat(reportSlot(reportRows.get(c.get("identity_id").asText()), c))
                        .as(id)
                        .containsExactly(
                                status.equals("Active") ? "true" : "false",
                                c.get("created_at").asText().replace("Z", "+00:00"),
                                c.get("last_used_at").isNull()
                                        ? "N/A"
                                        : c.get("last_used_at").asText().substring(0, 17)
                                                + "00+00:00");
            }
        }
        assertThat(listed).hasSize(tree.truth().get("credentials").size() - deleted);
    }

    /** The report's active flag, rotation and last use of the slot of a credential's key. */
    private static List<String> reportSlot(String[] row, JsonNode credential) {
        String rotated = credential.get("created_at").asText().replace("Z", "+00:00");
        int slot = row[9].equals(rotated) ? 8 : 13;
        return List.of(row[slot], row[slot + 1], row[slot + 2]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("estates")
    void theGroundTruthIsConsistent(String name, GeneratedTree tree) throws IOException {
        JsonNode truth = tree.truth();
        Map<String, JsonNode> credentials = new HashMap<>();
        truth.get("credentials").forEach(c -> credentials.put(c.get("credential_id").asText(), c));

        assertThat(credentials).hasSize(truth.get("counts").get("keys").asInt());
        assertThat(truth.get("counts").get("files").asInt()).isEqualTo(tree.files().size() - 1);
        assertThat(truth.get("secrets")).isNotEmpty();
        int alerts = 0;
        for (JsonNode alert : truth.get("alerts")) {
            JsonNode c = credentials.get(alert.get("credential_id").asText());
            assertThat(c.get("status").asText()).isEqualTo("Active");
            if (alert.get("rule").asText().equals(Alerts.UNUSED)) {
                assertThat(c.get("privilege_tier").asText()).isIn("admin", "high");
            }
            alerts++;
        }
        int summed =
                tree.summary.alertsByRuleAndSeverity().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum();
        assertThat(alerts).isEqualTo(summed).isPositive();
        assertThat(tree.summary.deadLetters()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("estates")
    void lastUseAndConsumersMatchTheRecords(String name, GeneratedTree tree) throws IOException {
        Map<String, String> lastUse = new HashMap<>();
        Map<String, Set<String>> places = new HashMap<>();
        for (JsonNode r : tree.trail().records()) {
            JsonNode identity = r.get("userIdentity");
            if (identity.get("type").asText().equals("IAMUser")) {
                String id = "aws:access-key:" + identity.get("accessKeyId").asText();
                lastUse.merge(
                        id, r.get("eventTime").asText(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
                places.computeIfAbsent(id, k -> new HashSet<>())
                        .add(r.get("sourceIPAddress").asText() + "|" + r.get("userAgent").asText());
            }
        }

        for (JsonNode c : tree.truth().get("credentials")) {
            String id = c.get("credential_id").asText();
            if (lastUse.containsKey(id)) {
                assertThat(c.get("last_used_at").asText()).as(id).isEqualTo(lastUse.get(id));
            }
            assertThat(c.get("consumer_count").asInt())
                    .as(id)
                    .isEqualTo(places.getOrDefault(id, Set.of()).size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("estates")
    void thePlantedSecretsAreInTheFiles(String name, GeneratedTree tree) throws IOException {
        StringBuilder plain = new StringBuilder();
        for (JsonNode r : tree.trail().records()) {
            plain.append(
                            r.path("responseElements")
                                    .path("credentials")
                                    .path("sessionToken")
                                    .asText())
                    .append('\n');
        }
        for (String file : tree.files("aws-access-keys/", "-create-access-key.json")) {
            plain.append(tree.text(file));
        }
        for (JsonNode secret : tree.truth().get("secrets")) {
            assertThat(plain).contains(secret.asText());
        }
    }
}
