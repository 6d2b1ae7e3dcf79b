package io.keyline.gcp;

import static io.keyline.source.ParserHarness.parseFile;
import static io.keyline.source.ParserHarness.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventIds;
import io.keyline.format.EventJson;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceAccountKeysParserTest {

    private static final String FORMAT = "gcp-sa-keys";
    private static final long OBSERVED_AT = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    /** A private key as {@code keys.create} returns it, planted where no parser must look. */
    private static final String PRIVATE_KEY =
            "ewogICJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCIsCiAgInByb2plY3Q";

    private static ListParseOutput parse(String fileName, byte[] content) {
        return parseFile(FORMAT, fileName, content, OBSERVED_AT);
    }

    private static ListParseOutput parseText(String content) {
        return parse("keys.json", content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theRestResponseYieldsEveryKeyWithItsValidityAndType() {
        ListParseOutput out =
                parse(
                        "cartography.json",
                        resource(
                                "/fixtures/gcp/listings/cartography-serviceAccounts.keys.list.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=gcp:sa-key:service-account-1@project-123.iam.gserviceaccount.com/1234567890 type=GCP_SA_KEY identity=gcp:sa:service-account-1@project-123.iam.gserviceaccount.com {account=project-123, createdAt=2023-01-01T00:00:00Z, expiresAt=2024-01-01T00:00:00Z, keyType=SYSTEM_MANAGED, status=Active}",
                        "OBSERVED credential=gcp:sa-key:service-account-1@project-123.iam.gserviceaccount.com/0987654321 type=GCP_SA_KEY identity=gcp:sa:service-account-1@project-123.iam.gserviceaccount.com {account=project-123, createdAt=2023-02-01T00:00:00Z, expiresAt=2024-02-01T00:00:00Z, keyType=USER_MANAGED, status=Active}");
        assertThat(out.events())
                .allSatisfy(e -> assertThat(e.getEventTime()).isEqualTo(OBSERVED_AT));
        assertThat(out.events().get(1).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "OBSERVED",
                                "gcp:sa-key:service-account-1@project-123.iam.gserviceaccount.com/0987654321",
                                "2026-11-01T00:00:00Z"));
    }

    @Test
    void theGcloudArrayShowsKeysThatNeverExpireAndDisabledKeys() {
        ListParseOutput out =
                parse("gcloud.json", resource("/fixtures/gcp/listings/gcloud-sa-keys-list.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=gcp:sa-key:web-deployer@acme-prod.iam.gserviceaccount.com/6e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f type=GCP_SA_KEY identity=gcp:sa:web-deployer@acme-prod.iam.gserviceaccount.com {account=acme-prod, createdAt=2024-02-01T10:00:00Z, expiresAt=never, keyType=USER_MANAGED, status=Active}",
                        "OBSERVED credential=gcp:sa-key:web-deployer@acme-prod.iam.gserviceaccount.com/1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b type=GCP_SA_KEY identity=gcp:sa:web-deployer@acme-prod.iam.gserviceaccount.com {account=acme-prod, createdAt=2023-06-01T00:00:00Z, expiresAt=2025-06-01T00:00:00Z, keyType=USER_MANAGED, status=Inactive}",
                        "OBSERVED credential=gcp:sa-key:web-deployer@acme-prod.iam.gserviceaccount.com/f0e1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d type=GCP_SA_KEY identity=gcp:sa:web-deployer@acme-prod.iam.gserviceaccount.com {account=acme-prod, createdAt=2025-03-20T04:11:52Z, expiresAt=2025-04-05T04:11:52Z, keyType=SYSTEM_MANAGED, status=Active}");
    }

    @Test
    void aKeyPerLineWithProtobufTimesAndAWildcardProject() {
        ListParseOutput out =
                parseText(
                        "{\"name\":\"projects/-/serviceAccounts/App@p-one.iam.gserviceaccount.com/keys/k1\","
                                + "\"validAfterTime\":{\"seconds\":1.678377036e+09},"
                                + "\"validBeforeTime\":{\"seconds\":253402300799.0}}\n");

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=gcp:sa-key:app@p-one.iam.gserviceaccount.com/k1 type=GCP_SA_KEY identity=gcp:sa:app@p-one.iam.gserviceaccount.com {account=p-one, createdAt=2023-03-09T15:50:36Z, expiresAt=never, status=Active}");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[{\"name\":|the JSON ends too early at line 2, column 1",
                "12|the record is not a service account key listing",
                "{\"accounts\":[]}|the record is not a service account key listing",
                "{\"keys\":\"k1\"}|the keys field of the record is not an array",
                "[[]]|a key of the listing is not an object",
                "[{\"keyType\":\"USER_MANAGED\"}]|a key of the listing has no name",
                "[{\"name\":\"projects/p/serviceAccounts/a@p.iam.gserviceaccount.com\"}]|the name of a key of the listing is not projects/<project>/serviceAccounts/<email>/keys/<id>",
                "[{\"name\":\"projects/p/serviceAccounts/1234/keys/k1\"}]|the name of a key of the listing names its service account by unique id, not by e-mail address",
                "[{\"name\":\"projects/p/serviceAccounts/a@p.iam.gserviceaccount.com/keys/k1\",\"validAfterTime\":\"soon\"}]|the validAfterTime of a key of the listing is not a time stamp",
                "[{\"name\":\"projects/p/serviceAccounts/a@p.iam.gserviceaccount.com/keys/k1\",\"validBeforeTime\":{\"seconds\":1e40}}]|the validBeforeTime of a key of the listing is not a time stamp",
                "[{\"name\":\"projects/p/serviceAccounts/a@p.iam.gserviceaccount.com/keys/k1\",\"disabled\":3}]|the disabled field of a key of the listing is not a boolean",
            })
    void brokenRecordsAreRejectedWithAReason(String record, String reason) {
        ListParseOutput out = parseText(record);
        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out)).containsExactly(reason);
    }

    @Test
    void aBadKeyCostsOnlyItself() {
        ListParseOutput out =
                parseText(
                        "{\"keys\":[{\"name\":\"projects/p/serviceAccounts/a@p.iam.gserviceaccount.com/keys/k1\"},"
                                + "{\"name\":\"keys/k2\"},"
                                + "{\"name\":\"projects/p/serviceAccounts/a@p.iam.gserviceaccount.com/keys/k3\"}]}");
        assertThat(out.events())
                .extracting(IdentityEvent::getCredentialId)
                .containsExactly(
                        "gcp:sa-key:a@p.iam.gserviceaccount.com/k1",
                        "gcp:sa-key:a@p.iam.gserviceaccount.com/k3");
        assertThat(out.rejections()).hasSize(1);
        assertThat(new String(out.rejections().get(0).payload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"name\":\"keys/k2\"}");
    }

    @Test
    void aPrivateKeyReachesNoEventNoReasonAndNoRejectedPayload() {
        String created =
                "{\"name\":\"projects/p/serviceAccounts/a@p.iam.gserviceaccount.com/keys/k1\","
                        + "\"privateKeyType\":\"TYPE_GOOGLE_CREDENTIALS_FILE\",\"privateKeyData\":\""
                        + PRIVATE_KEY
                        + "\"}";
        String broken =
                "{\"name\":\"projects/p/serviceAccounts/a@p.iam.gserviceaccount.com/keys/k2\","
                        + "\"validAfterTime\":\"soon\",\"privateKeyData\":\""
                        + PRIVATE_KEY
                        + "\"}";
        for (String record :
                new String[] {"[" + created + "," + broken + "]", broken, "[" + broken + "]"}) {
            ListParseOutput out = parseText(record);
            assertThat(out.events())
                    .allSatisfy(e -> assertThat(EventJson.toJson(e)).doesNotContain(PRIVATE_KEY));
            assertThat(out.rejections())
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.reason()).doesNotContain(PRIVATE_KEY);
                                assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                        .doesNotContain(PRIVATE_KEY)
                                        .contains("keys/k2");
                            });
        }
    }
}
