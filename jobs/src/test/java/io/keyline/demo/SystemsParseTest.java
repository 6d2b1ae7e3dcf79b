package io.keyline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.fingerprint.Fingerprinter;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import io.keyline.model.IdentityEvent;
import io.keyline.testing.InputParse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of the systems part parses with Keyline's own parsers without a rejection, and the
 * credentials the parsers name are exactly those of {@code _systems-truth.json}.
 */
class SystemsParseTest {

    @TempDir static Path dir;

    private static Path root;
    private static JsonNode truth;
    private static Fingerprinter fingerprinter;
    private static final Map<String, List<IdentityEvent>> EVENTS = new TreeMap<>();
    private static final List<String> REJECTIONS = new ArrayList<>();

    @BeforeAll
    static void generateAndParse() throws Exception {
        root = dir.resolve("estate");
        EstateGenerator.generate(
                new EstateGenerator.Options(600, 12, 42L, GeneratedTree.END, root, true));
        truth = GeneratedTree.JSON.readTree(root.resolve("_systems-truth.json").toFile());
        Path pepper =
                Files.writeString(
                        dir.resolve("pepper"), "a-test-pepper-of-enough-length-0123456789");
        fingerprinter = Fingerprinter.fromFile(pepper);
        InputParse.each(
                root,
                fingerprinter,
                (file, format, out, unreadable) -> {
                    if (isAwsEstate(format, file)) {
                        return;
                    }
                    assertThat(unreadable).as(file.toString()).isFalse();
                    EVENTS.computeIfAbsent(format, f -> new ArrayList<>()).addAll(out.events());
                    out.rejections()
                            .forEach(
                                    r -> REJECTIONS.add(root.relativize(file) + ": " + r.reason()));
                });
    }

    /** The AWS estate's own files, which its own tests cover. */
    private static boolean isAwsEstate(String format, Path file) {
        String platform = truth.get("platformAccount").asText();
        return format.startsWith("aws-") && !format.equals("aws-secrets-manager")
                || format.equals("cloudtrail") && !file.toString().contains("/" + platform + "/");
    }

    @Test
    void everyFileOfEverySystemParsesWithoutARejection() {
        assertThat(REJECTIONS).isEmpty();
        assertThat(EVENTS.keySet())
                .contains(
                        "hr-people",
                        "okta-users",
                        "okta-system-log",
                        "okta-api-tokens",
                        "gcp-audit",
                        "gcp-service-accounts",
                        "gcp-sa-keys",
                        "gcp-iam-policy",
                        "gcp-secret-manager",
                        "azure-signin",
                        "azure-audit",
                        "azure-graph",
                        "azure-key-vault",
                        "github-audit",
                        "github-pats",
                        "github-deploy-keys",
                        "k8s-audit",
                        "k8s-serviceaccounts",
                        "vault-audit",
                        "vault-kv-metadata",
                        "aws-secrets-manager",
                        "gitleaks",
                        "trufflehog",
                        "cloudtrail");
        EVENTS.forEach((format, events) -> assertThat(events).as(format).isNotEmpty());
    }

    @Test
    void theCredentialsTheParsersNameAreExactlyThoseOfTheTruth() {
        // The job gives a fine-grained token known by its hash the id its audit events pair it
        // with, the id of the token listing.
        Map<String, String> paired = new java.util.HashMap<>();
        EVENTS.values()
                .forEach(
                        events ->
                                events.stream()
                                        .filter(e -> e.getCredentialId() != null)
                                        .filter(
                                                e ->
                                                        e.getCredentialId()
                                                                .startsWith("github:token:"))
                                        .filter(e -> e.attribute(Attributes.TOKEN_ID) != null)
                                        .filter(
                                                e ->
                                                        CredentialTypes.GITHUB_FINE_GRAINED_PAT
                                                                .equals(e.getCredentialType()))
                                        .forEach(
                                                e ->
                                                        paired.put(
                                                                e.getCredentialId(),
                                                                CanonicalIds.githubPat(
                                                                        e.attribute(
                                                                                Attributes.ACCOUNT),
                                                                        e.attribute(
                                                                                Attributes
                                                                                        .TOKEN_ID)))));
        assertThat(paired).isNotEmpty();
        Set<String> parsed = new TreeSet<>();
        EVENTS.values()
                .forEach(
                        events ->
                                events.stream()
                                        .map(IdentityEvent::getCredentialId)
                                        .filter(id -> id != null)
                                        .map(id -> paired.getOrDefault(id, id))
                                        .forEach(parsed::add));
        Set<String> planted = new TreeSet<>();
        for (JsonNode c : truth.get("credentials")) {
            planted.add(idOf(c));
        }
        assertThat(parsed).isEqualTo(planted);
    }

    @Test
    void nothingHappensAfterTheEndAndTheAuditLogsKeepToTheWindow() {
        long start = java.time.Instant.parse(truth.get("start").asText()).toEpochMilli();
        long end = java.time.Instant.parse(truth.get("end").asText()).toEpochMilli();
        JsonNode terraform = truth.get("scenarios").get("terraform-jenkins-key");
        String jenkins = terraform.get("credentials").get(0).get("credential_id").asText();
        long provisioned = 0;
        for (JsonNode c : truth.get("credentials")) {
            if (jenkins.equals(c.get("credential_id").asText(null))) {
                provisioned = java.time.Instant.parse(c.get("created_at").asText()).toEpochMilli();
            }
        }
        Set<String> audits =
                Set.of(
                        "okta-system-log",
                        "gcp-audit",
                        "azure-signin",
                        "azure-audit",
                        "github-audit",
                        "k8s-audit",
                        "vault-audit",
                        "cloudtrail");
        for (Map.Entry<String, List<IdentityEvent>> e : EVENTS.entrySet()) {
            for (IdentityEvent event : e.getValue()) {
                assertThat(event.getEventTime()).as(e.getKey()).isLessThanOrEqualTo(end);
                boolean terraformRun =
                        e.getKey().equals("cloudtrail")
                                && event.getEventTime() <= provisioned
                                && event.getEventTime() > provisioned - 3_600_000L;
                if (audits.contains(e.getKey()) && !terraformRun) {
                    assertThat(event.getEventTime()).as(e.getKey()).isBetween(start, end - 1);
                }
            }
        }
    }

    /** The canonical id of a truth entry: its id, or the fingerprint of its value. */
    private static String idOf(JsonNode credential) {
        JsonNode id = credential.get("credential_id");
        if (id != null && !id.isNull()) {
            return id.asText();
        }
        return "fp:" + fingerprinter.fingerprint(credential.get("fingerprint_of").asText());
    }
}
