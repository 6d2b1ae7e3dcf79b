package io.keyline.gcp;

import static io.keyline.source.ParserHarness.parseFile;
import static io.keyline.source.ParserHarness.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventIds;
import io.keyline.format.EventJson;
import io.keyline.format.ListParseOutput;
import io.keyline.source.EventsText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretManagerParserTest {

    private static final String FORMAT = "gcp-secret-manager";
    private static final long OBSERVED_AT = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    /** A secret value as {@code versions.access} returns it, planted where no parser must look. */
    private static final String VALUE = "c3VwZXItc2VjcmV0LWRiLXBhc3N3b3JkLTQyNDI=";

    private static ListParseOutput parseText(String content) {
        return parseFile(
                FORMAT, "secrets.json", content.getBytes(StandardCharsets.UTF_8), OBSERVED_AT);
    }

    @Test
    void secretsAreTheirOwnCredentialsUnlessLabelledAsCopies() {
        ListParseOutput out =
                parseFile(
                        FORMAT,
                        "gcloud.json",
                        resource("/fixtures/gcp/listings/gcloud-secrets-list.json"),
                        OBSERVED_AT);

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=gcp:secret:projects/611204388015/secrets/payments-db-password type=GCP_SECRET {account=611204388015, createdAt=2024-09-01T08:30:00.123Z, expiresAt=never, name=payments-db-password, status=Active}",
                        "STORED_AT credential=gcp:secret:projects/611204388015/secrets/payments-db-password type=GCP_SECRET location=gcp-secret-manager:projects/611204388015/secrets/payments-db-password {account=611204388015}",
                        "OWNER_HINT credential=gcp:secret:projects/611204388015/secrets/payments-db-password type=GCP_SECRET actor=maria.lopez@acme.example {ownerSource=tag}",
                        // A copy known by its fingerprint, and one by its canonical id; an owner
                        // label that is no address is no owner.
                        "STORED_AT credential=fp:0f1e2d3c4b5a69788796a5b4c3d2e1f0 location=gcp-secret-manager:projects/611204388015/secrets/partner-api-token {}",
                        "STORED_AT credential=gcp:sa-key:web-deployer@acme-prod.iam.gserviceaccount.com/6e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f type=GCP_SA_KEY location=gcp-secret-manager:projects/611204388015/secrets/web-deployer-key {}");
        assertThat(out.events())
                .allSatisfy(e -> assertThat(e.getEventTime()).isEqualTo(OBSERVED_AT));
        assertThat(out.events().get(1).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "STORED_AT",
                                "gcp:secret:projects/611204388015/secrets/payments-db-password",
                                "projects/611204388015/secrets/payments-db-password",
                                "2026-11-01T00:00:00Z"));
    }

    @Test
    void theRestResponseWithAnExpiryAndKeysInAnySpelling() {
        ListParseOutput out =
                parseText(
                        "{\"secrets\":[{\"name\":\"projects/p1/secrets/s1\","
                                + "\"createTime\":\"2025-01-01T00:00:00.123456789Z\","
                                + "\"expireTime\":\"2027-01-01T00:00:00Z\","
                                + "\"annotations\":{\"Owner_Email\":\"Ops@Acme.example\"}},"
                                + "{\"name\":\"projects/p1/secrets/s2\",\"annotations\":"
                                + "{\"keyline:credential:id\":\"aws:access-key:AKIAIOSFODNN7EXAMPLE\"}}],"
                                + "\"nextPageToken\":\"n\",\"totalSize\":2}");

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=gcp:secret:projects/p1/secrets/s1 type=GCP_SECRET {account=p1, createdAt=2025-01-01T00:00:00.123Z, expiresAt=2027-01-01T00:00:00Z, name=s1, status=Active}",
                        "STORED_AT credential=gcp:secret:projects/p1/secrets/s1 type=GCP_SECRET location=gcp-secret-manager:projects/p1/secrets/s1 {account=p1}",
                        "OWNER_HINT credential=gcp:secret:projects/p1/secrets/s1 type=GCP_SECRET actor=ops@acme.example {ownerSource=tag}",
                        "STORED_AT credential=aws:access-key:AKIAIOSFODNN7EXAMPLE type=AWS_ACCESS_KEY location=gcp-secret-manager:projects/p1/secrets/s2 {}");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[{\"name\":|the JSON ends too early at line 2, column 1",
                "true|the record is not a Secret Manager listing",
                "{\"keys\":[]}|the record is not a Secret Manager listing",
                "{\"secrets\":7}|the secrets field of the record is not an array",
                "[\"projects/p/secrets/s\"]|a secret of the listing is not an object",
                "[{\"createTime\":\"2025-01-01T00:00:00Z\"}]|a secret of the listing has no name",
                "[{\"name\":\"projects/p/secrets/s/versions/1\"}]|the name of a secret of the listing is not projects/<project>/secrets/<id>",
                "[{\"name\":\"secrets/s\"}]|the name of a secret of the listing is not projects/<project>/secrets/<id>",
                "[{\"name\":\"projects/p/secrets/s\",\"labels\":[]}]|the labels of a secret of the listing are not an object",
                "[{\"name\":\"projects/p/secrets/s\",\"createTime\":\"later\"}]|the createTime of a secret of the listing is not a time stamp",
                "[{\"name\":\"projects/p/secrets/s\",\"labels\":{\"keyline-fingerprint\":\"xyz\"}}]|the keyline-fingerprint label of a secret of the listing is not 32 hex digits",
                "[{\"name\":\"projects/p/secrets/s\",\"annotations\":{\"keyline-credential-id\":\"some value\"}}]|the keyline-credential-id label of a secret of the listing is not a credential id",
            })
    void brokenRecordsAreRejectedWithAReason(String record, String reason) {
        ListParseOutput out = parseText(record);
        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out)).containsExactly(reason);
    }

    @Test
    void aBadSecretCostsOnlyItself() {
        ListParseOutput out =
                parseText(
                        "[{\"name\":\"projects/p/secrets/a\"},{\"name\":5},"
                                + "{\"name\":\"projects/p/secrets/b\"}]");
        assertThat(out.events()).hasSize(4);
        assertThat(out.rejections())
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                        .isEqualTo("{\"name\":5}"));
    }

    @Test
    void aSecretValueReachesNoEventNoReasonAndNoRejectedPayload() {
        String version =
                "{\"name\":\"projects/p/secrets/s/versions/3\",\"payload\":{\"data\":\""
                        + VALUE
                        + "\",\"dataCrc32c\":\"123\"}}";
        String listed =
                "{\"name\":\"projects/p/secrets/s\",\"payload\":{\"data\":\"" + VALUE + "\"}}";
        ListParseOutput out = parseText("[" + version + "," + listed + "]");

        assertThat(out.events()).hasSize(2);
        assertThat(out.events())
                .allSatisfy(e -> assertThat(EventJson.toJson(e)).doesNotContain(VALUE));
        assertThat(out.rejections())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.reason()).doesNotContain(VALUE);
                            assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                    .doesNotContain(VALUE)
                                    .contains("versions/3");
                        });
    }
}
