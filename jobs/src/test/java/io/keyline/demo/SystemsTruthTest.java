package io.keyline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The systems ground truth agrees with itself and states what its scenarios plant. */
class SystemsTruthTest {

    @TempDir static Path dir;

    private static GeneratedTree tree;
    private static JsonNode truth;
    private static final Map<String, JsonNode> CREDENTIALS = new HashMap<>();
    private static final Map<String, JsonNode> IDENTITIES = new HashMap<>();

    @BeforeAll
    static void generate() throws IOException {
        tree = GeneratedTree.generateWithSystems(dir.resolve("estate"), 600, 12, 42);
        truth = tree.systemsTruth();
        for (JsonNode c : truth.get("credentials")) {
            CREDENTIALS.put(key(c), c);
        }
        for (JsonNode i : truth.get("identities")) {
            IDENTITIES.put(i.get("identity_id").asText(), i);
        }
    }

    /** A credential's id, or {@code value:<value>} for one known by its fingerprint. */
    private static String key(JsonNode c) {
        JsonNode id = c.get("credential_id");
        return id == null || id.isNull()
                ? "value:" + c.get("fingerprint_of").asText()
                : id.asText();
    }

    private static JsonNode scenario(String name) {
        return truth.get("scenarios").get(name);
    }

    private static List<JsonNode> alertsOf(String key) {
        List<JsonNode> alerts = new ArrayList<>();
        for (JsonNode a : truth.get("alerts")) {
            if (key(a).equals(key)) {
                alerts.add(a);
            }
        }
        return alerts;
    }

    private static Set<String> rules(String key) {
        Set<String> rules = new HashSet<>();
        alertsOf(key)
                .forEach(a -> rules.add(a.get("rule").asText() + "/" + a.get("severity").asText()));
        return rules;
    }

    @Test
    void everyCredentialIsListedOnceAndEveryAlertNamesOneDueByTheEnd() {
        assertThat(CREDENTIALS).hasSize(truth.get("credentials").size());
        assertThat(truth.get("counts").get("credentials").asInt()).isEqualTo(CREDENTIALS.size());
        Instant asOf = Instant.parse(truth.get("asOf").asText());
        assertThat(truth.get("alerts")).isNotEmpty();
        for (JsonNode a : truth.get("alerts")) {
            assertThat(CREDENTIALS).containsKey(key(a));
            assertThat(Instant.parse(a.get("event_time").asText())).isBeforeOrEqualTo(asOf);
        }
    }

    @Test
    void everyScenarioNamesCredentialsAndIdentitiesOfTheTruth() {
        assertThat(truth.get("scenarios").size()).isEqualTo(7);
        truth.get("scenarios")
                .forEach(
                        s -> {
                            s.get("credentials")
                                    .forEach(c -> assertThat(CREDENTIALS).containsKey(key(c)));
                            s.get("identities")
                                    .forEach(i -> assertThat(IDENTITIES).containsKey(i.asText()));
                        });
    }

    @Test
    void theKeyCopiedToFourPlacesIsOneCredentialWithFourLocationsExposedByItsEnvFile() {
        String key =
                scenario("secret-in-four-places")
                        .get("credentials")
                        .get(0)
                        .get("credential_id")
                        .asText();
        assertThat(CREDENTIALS.get(key).get("location_count").asInt()).isEqualTo(4);
        assertThat(CREDENTIALS.get(key).get("credential_type").asText())
                .isEqualTo("AWS_ACCESS_KEY");
        assertThat(rules(key)).contains("exposed-secret/high");
        JsonNode generic = scenario("generic-secret-copies").get("credentials").get(0);
        assertThat(CREDENTIALS.get(key(generic)).get("location_count").asInt()).isEqualTo(3);
        assertThat(rules(key(generic))).containsExactly("exposed-secret/high");
    }

    @Test
    void theLeaversCredentialsStayActiveAndTheirManagerOwnsThem() {
        JsonNode s = scenario("departed-owner");
        String manager = s.get("manager").asText();
        Instant left = Instant.parse(s.get("end_date").asText() + "T00:00:00Z");
        assertThat(s.get("credentials")).hasSize(3);
        for (JsonNode ref : s.get("credentials")) {
            JsonNode c = CREDENTIALS.get(key(ref));
            assertThat(c.get("status").asText()).isEqualTo("Active");
            assertThat(c.get("owner").asText()).isEqualTo(manager);
            assertThat(c.get("owner_source").asText()).isEqualTo("hr-manager");
            assertThat(c.get("owner_status").asText()).isEqualTo("departed");
            assertThat(c.get("former_owner").asText()).isEqualTo(s.get("person").asText());
            assertThat(alertsOf(key(ref)))
                    .anySatisfy(
                            a -> {
                                assertThat(a.get("rule").asText()).isEqualTo("orphaned-credential");
                                assertThat(Instant.parse(a.get("event_time").asText()))
                                        .isEqualTo(left);
                            });
        }
        assertThat(truth.get("people"))
                .anySatisfy(
                        p ->
                                assertThat(p.get("email").asText())
                                        .isEqualTo(s.get("person").asText()));
    }

    @Test
    void theOktaServiceUserIsTrustedByOneIdentityInEachCloud() {
        JsonNode s = scenario("okta-federation");
        String okta = s.get("trusted_principal").asText();
        assertThat(okta).isEqualTo("okta:user:svc-federation@example.com");
        assertThat(s.get("federated_identities")).hasSize(3);
        for (JsonNode id : s.get("federated_identities")) {
            List<String> trusted = new ArrayList<>();
            IDENTITIES
                    .get(id.asText())
                    .get("trusted_principals")
                    .forEach(t -> trusted.add(t.asText()));
            assertThat(trusted).containsExactly(okta);
        }
        assertThat(IDENTITIES.get(okta).get("owner").asText()).isEqualTo(s.get("owner").asText());
    }

    @Test
    void theContractorOwnsTheRoleTheSaasToolsAppAndWorkflowFederateInto() {
        JsonNode s = scenario("saas-contractor-grant");
        String app = s.get("identities").get(0).asText();
        JsonNode role = IDENTITIES.get(s.get("identities").get(1).asText());
        assertThat(role.get("owner").asText()).isEqualTo(s.get("owner").asText());
        assertThat(role.get("owner_source").asText()).isEqualTo("tag");
        List<String> trusted = new ArrayList<>();
        role.get("trusted_principals").forEach(t -> trusted.add(t.asText()));
        assertThat(trusted).containsExactlyInAnyOrder("github:actions:acme/saas-sync", app);
        assertThat(app).startsWith("okta:acme:app:0oa");
        assertThat(IDENTITIES.get(app).get("owner").asText()).isEqualTo(s.get("owner").asText());
        assertThat(truth.get("people"))
                .anySatisfy(
                        p -> {
                            assertThat(p.get("email").asText()).isEqualTo(s.get("owner").asText());
                            assertThat(p.get("department").asText()).isEqualTo("Contractors");
                        });
    }

    @Test
    void theTerraformKeyIsOldPrivilegedUsedDailyAndExposedInItsEnvFile() {
        JsonNode s = scenario("terraform-jenkins-key");
        String key = s.get("credentials").get(0).get("credential_id").asText();
        JsonNode c = CREDENTIALS.get(key);
        Instant end = Instant.parse(truth.get("end").asText());
        assertThat(c.get("created_by").asText())
                .isEqualTo(s.get("created_by").asText())
                .endsWith(":role/terraform");
        assertThat(Duration.between(Instant.parse(c.get("created_at").asText()), end).toDays())
                .isGreaterThan(90);
        assertThat(Duration.between(Instant.parse(c.get("last_used_at").asText()), end).toDays())
                .isZero();
        assertThat(c.get("privilege_tier").asText()).isEqualTo("high");
        assertThat(c.get("owner").asText()).isEqualTo(s.get("commit_author").asText());
        assertThat(c.get("owner_source").asText()).isEqualTo("commit-author");
        assertThat(rules(key))
                .containsExactlyInAnyOrder("exposed-secret/critical", "stale-rotation/warning");
    }

    @Test
    void everyPlantedSecretIsWrittenSomewhereInTheInput() throws IOException {
        List<String> secrets = new ArrayList<>();
        truth.get("secrets").forEach(s -> secrets.add(s.asText()));
        assertThat(secrets).hasSizeGreaterThan(40);
        StringBuilder all = new StringBuilder();
        for (String file : tree.files()) {
            if (file.startsWith("_")) {
                continue;
            }
            Path path = tree.root.resolve(file);
            try (InputStream in =
                    file.endsWith(".gz")
                            ? new GZIPInputStream(Files.newInputStream(path))
                            : Files.newInputStream(path)) {
                all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException truncated) {
                // The AWS estate's planted truncated copy.
            }
        }
        String text = all.toString();
        List<String> missing = new ArrayList<>();
        for (String secret : secrets) {
            // A Kubernetes Secret holds its values in base64.
            String encoded =
                    java.util.Base64.getEncoder()
                            .encodeToString(secret.getBytes(StandardCharsets.UTF_8));
            if (!text.contains(secret) && !text.contains(encoded)) {
                missing.add(secret.substring(0, 8));
            }
        }
        assertThat(missing).isEmpty();
    }
}
