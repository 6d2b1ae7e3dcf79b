package io.keyline.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.EventIds;
import io.keyline.format.EventJson;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import io.keyline.source.FileRecords;
import io.keyline.source.FormatSpec;
import io.keyline.source.Formats;
import io.keyline.source.ParserHarness;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VaultKvMetadataParserTest {

    private static final String FORMAT = "vault-kv-metadata";
    private static final long OBSERVED_AT = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    private static final String GITHUB_TOKEN = "ghp_KeylineFixtureOnly000000000000000000";
    private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
    private static final String SMTP_PASSWORD = "Fixture-Only-Smtp-Passw0rd";

    @TempDir static Path folder;

    private static Fingerprinter fingerprinter;

    @BeforeAll
    static void pepper() throws IOException {
        Path pepper = folder.resolve("pepper");
        Files.writeString(pepper, "a pepper for the KV parser tests only");
        fingerprinter = Fingerprinter.fromFile(pepper);
    }

    private static ListParseOutput parse(String fileName, byte[] content) {
        FormatSpec spec = Formats.require(FORMAT);
        ListParseOutput out = new ListParseOutput();
        try {
            FileRecords.parse(
                    new ByteArrayInputStream(content),
                    spec,
                    spec.newParser(fingerprinter),
                    "/input/" + FORMAT + "/" + fileName,
                    OBSERVED_AT,
                    out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static ListParseOutput parse(String content) {
        return parse("inventory.jsonl", content.getBytes(StandardCharsets.UTF_8));
    }

    private static String fp(String value) {
        return "fp:" + fingerprinter.fingerprint(value);
    }

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void eachKeyIsACredentialStoredAtItsPlaceAndTheOwnerTagNamesItsOwner() {
        ListParseOutput out =
                parse(
                        "inventory.jsonl",
                        ParserHarness.resource("/fixtures/vault/kv-inventory.jsonl"));

        assertThat(out.rejections()).isEmpty();
        String github = "github:token:" + Fingerprinter.githubHashedToken(GITHUB_TOKEN);
        assertThat(EventsText.of(out))
                .containsExactly(
                        // The secret half of the access key is not stored at apart from its id.
                        "STORED_AT credential=aws:access-key:AKIAIOSFODNN7EXAMPLE type=AWS_ACCESS_KEY location=vault:secret/ci/jenkins#AWS_ACCESS_KEY_ID {secretKey=AWS_ACCESS_KEY_ID}",
                        "STORED_AT credential="
                                + github
                                + " type=GITHUB_PAT location=vault:secret/ci/jenkins#GITHUB_TOKEN {secretKey=GITHUB_TOKEN}",
                        "OWNER_HINT credential=aws:access-key:AKIAIOSFODNN7EXAMPLE type=AWS_ACCESS_KEY actor=alice.jones@example.com {ownerSource=tag}",
                        "OWNER_HINT credential="
                                + github
                                + " type=GITHUB_PAT actor=alice.jones@example.com {ownerSource=tag}",
                        // Precomputed fingerprints, with slashes around the mount and path.
                        "STORED_AT credential=fp:9f2c4a6e8b0d1f3a5c7e9b1d3f5a7c9e type=GENERIC_SECRET location=vault:secret/payments/db#DB_PASSWORD {secretKey=DB_PASSWORD}",
                        "STORED_AT credential=fp:0123456789abcdef0123456789abcdef type=GENERIC_SECRET location=vault:secret/payments/db#REPLICA_PASSWORD {secretKey=REPLICA_PASSWORD}",
                        "OWNER_HINT credential=fp:9f2c4a6e8b0d1f3a5c7e9b1d3f5a7c9e type=GENERIC_SECRET actor=payments-oncall@example.com {ownerSource=tag}",
                        "OWNER_HINT credential=fp:0123456789abcdef0123456789abcdef type=GENERIC_SECRET actor=payments-oncall@example.com {ownerSource=tag}",
                        // Every value counts, numbers too; a boolean is no secret.
                        "STORED_AT credential="
                                + fp("mailer")
                                + " type=GENERIC_SECRET location=vault:kv/legacy/smtp#username {secretKey=username}",
                        "STORED_AT credential="
                                + fp(SMTP_PASSWORD)
                                + " type=GENERIC_SECRET location=vault:kv/legacy/smtp#password {secretKey=password}",
                        "STORED_AT credential="
                                + fp("587")
                                + " type=GENERIC_SECRET location=vault:kv/legacy/smtp#port {secretKey=port}");
        // The time of a version: updated, else created; a deleted version stores nothing.
        assertThat(out.events())
                .extracting(IdentityEvent::getEventTime)
                .containsExactly(
                        at("2026-10-01T10:00:00Z"),
                        at("2026-10-01T10:00:00Z"),
                        at("2026-10-01T10:00:00Z"),
                        at("2026-10-01T10:00:00Z"),
                        at("2026-08-12T14:21:07.118Z"),
                        at("2026-08-12T14:21:07.118Z"),
                        at("2026-08-12T14:21:07.118Z"),
                        at("2026-08-12T14:21:07.118Z"),
                        at("2026-09-15T08:30:12.458Z"),
                        at("2026-09-15T08:30:12.458Z"),
                        at("2026-09-15T08:30:12.458Z"));
        assertThat(out.events().get(0).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "STORED_AT",
                                "aws:access-key:AKIAIOSFODNN7EXAMPLE",
                                "secret/ci/jenkins#AWS_ACCESS_KEY_ID",
                                "3",
                                "2026-10-01T10:00:00Z"));
        assertThat(out.events()).extracting(IdentityEvent::getEventId).doesNotHaveDuplicates();
    }

    @Test
    void kvGetOutputTakesItsMountAndPathFromTheFilesPlace() {
        ListParseOutput out =
                parse(
                        "secret/payments/api.json",
                        ParserHarness.resource("/fixtures/vault/kv-get/secret/payments/api.json"));

        String structured =
                "{\"type\":\"service_account\",\"client_email\":\"payments@example-project.iam.gserviceaccount.com\",\"private_key_id\":\"0f1e2d3c4b5a69788796a5b4c3d2e1f0\"}";
        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "STORED_AT credential="
                                + fp("whsec_KeylineFixtureOnlyWebhookSecret")
                                + " type=GENERIC_SECRET location=vault:secret/payments/api#webhook_secret {secretKey=webhook_secret}",
                        "STORED_AT credential="
                                + fp(structured)
                                + " type=GENERIC_SECRET location=vault:secret/payments/api#service_account {secretKey=service_account}",
                        "OWNER_HINT credential="
                                + fp("whsec_KeylineFixtureOnlyWebhookSecret")
                                + " type=GENERIC_SECRET actor=bob.smith@example.com {ownerSource=tag}",
                        "OWNER_HINT credential="
                                + fp(structured)
                                + " type=GENERIC_SECRET actor=bob.smith@example.com {ownerSource=tag}");
        assertThat(out.events())
                .extracting(IdentityEvent::getEventTime)
                .containsOnly(at("2026-09-30T16:12:45.307Z"));
    }

    @Test
    void anArrayOfVersionsIsReadAndAVersionWithoutTimeTakesTheFilesTime() {
        ListParseOutput out =
                parse(
                        "[{\"mount\":\"secret\",\"path\":\"a\",\"fingerprints\":{\"K\":\"00000000000000000000000000000000\"}},"
                                + "{\"mount\":\"secret\",\"path\":\"b\",\"data\":{\"AWS_SECRET_ACCESS_KEY\":\"x\",\"aws_access_key_id\":\"AKIAI44QH8DHBEXAMPLE\"}}]");

        assertThat(EventsText.of(out))
                .containsExactly(
                        "STORED_AT credential=fp:00000000000000000000000000000000 type=GENERIC_SECRET location=vault:secret/a#K {secretKey=K}",
                        "STORED_AT credential=aws:access-key:AKIAI44QH8DHBEXAMPLE type=AWS_ACCESS_KEY location=vault:secret/b#aws_access_key_id {secretKey=aws_access_key_id}");
        assertThat(out.events()).extracting(IdentityEvent::getEventTime).containsOnly(OBSERVED_AT);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"mount\":|the JSON ends too early at line 2, column 1",
                "[\"x\"]|a vault-kv-metadata record is not a JSON object",
                "{\"path\":\"a\",\"data\":{}}|a vault-kv-metadata record names no mount and path; add mount and path fields or put the file at <mount>/<path>.json below the format folder",
                "{\"mount\":5,\"path\":\"a\"}|the mount of a vault-kv-metadata record is not a name",
                "{\"mount\":\"m\",\"path\":\"a\",\"data\":[\"v\"]}|the data of a vault-kv-metadata record is not an object",
                "{\"mount\":\"m\",\"path\":\"a\",\"fingerprints\":\"abc\"}|the fingerprints of a vault-kv-metadata record is not an object",
                "{\"mount\":\"m\",\"path\":\"a\",\"version\":\"three\"}|the version of a vault-kv-metadata record is not a number",
                "{\"mount\":\"m\",\"path\":\"a\",\"updated_time\":\"later\"}|the updated_time of a vault-kv-metadata record is not a time stamp",
                "{\"mount\":\"m\",\"path\":\"a\",\"data\":{\"data\":{},\"metadata\":{\"created_time\":7}}}|the created_time of a vault-kv-metadata record is not a time stamp",
            })
    void brokenRecordsAreRejectedWithAReason(String record, String reason) {
        ListParseOutput out = parse(record);

        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out)).containsExactly(reason);
    }

    @Test
    void aBadFingerprintIsRejectedAloneByItsKeyAndTheOthersStillCount() {
        ListParseOutput out =
                parse(
                        "{\"mount\":\"m\",\"path\":\"a\",\"fingerprints\":{\"A\":\"not-hex\",\"B\":null,"
                                + "\"C\":\"ffffffffffffffffffffffffffffffff\"}}");

        assertThat(EventsText.of(out))
                .containsExactly(
                        "STORED_AT credential=fp:ffffffffffffffffffffffffffffffff type=GENERIC_SECRET location=vault:m/a#C {secretKey=C}");
        assertThat(out.rejections())
                .extracting(r -> r.reason() + " " + new String(r.payload(), StandardCharsets.UTF_8))
                .containsExactly(
                        "a fingerprint of a vault-kv-metadata record is not 32 hex characters {\"mount\":\"m\",\"path\":\"a\",\"key\":\"A\"}",
                        "a fingerprint of a vault-kv-metadata record is not 32 hex characters {\"mount\":\"m\",\"path\":\"a\",\"key\":\"B\"}");
    }

    @Test
    void plantedValuesReachNoEventAttributeReasonOrRejectedPayload() {
        String planted = "Pl4nted-KV-Secret-Value-0f9e8d7c";
        List<String> records =
                List.of(
                        "{\"mount\":\"secret\",\"path\":\"app\",\"data\":{\"API_KEY\":\""
                                + planted
                                + "\"}}",
                        "{\"mount\":\"secret\",\"path\":\"app\",\"data\":{\"nested\":{\"k\":\""
                                + planted
                                + "\"}}}",
                        "{\"data\":{\"data\":{\"API_KEY\":\"" + planted + "\"},\"metadata\":{}}}",
                        "{\"mount\":\"secret\",\"path\":\"app\",\"updated_time\":\"x\",\"data\":{\"API_KEY\":\""
                                + planted
                                + "\"}}",
                        "{\"mount\":\"secret\",\"path\":\"app\",\"data\":\"" + planted + "\"}",
                        "{\"mount\":\"secret\",\"path\":\"app\",\"data\":{\"API_KEY\":\""
                                + planted
                                + "\"",
                        "{\"mount\":\"secret\",\"path\":\"app\",\"fingerprints\":{\"API_KEY\":\""
                                + planted
                                + "\"}}",
                        "[\"" + planted + "\"]",
                        "\"" + planted + "\"",
                        planted);
        for (String record : records) {
            ListParseOutput out = parse(record);
            assertThat(out.events().size() + out.rejections().size()).as(record).isPositive();
            for (IdentityEvent e : out.events()) {
                assertThat(EventJson.toJson(e)).doesNotContain(planted, AWS_SECRET);
            }
            for (ListParseOutput.Rejection r : out.rejections()) {
                assertThat(r.reason()).doesNotContain(planted);
                assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                        .as(record)
                        .doesNotContain(planted);
            }
        }
        ListParseOutput fixture =
                parse(
                        "inventory.jsonl",
                        ParserHarness.resource("/fixtures/vault/kv-inventory.jsonl"));
        for (IdentityEvent e : fixture.events()) {
            assertThat(EventJson.toJson(e)).doesNotContain(AWS_SECRET, GITHUB_TOKEN, SMTP_PASSWORD);
        }
    }
}
