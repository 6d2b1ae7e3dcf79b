package io.keyline.gcp;

import static io.keyline.source.ParserHarness.parseFile;
import static io.keyline.source.ParserHarness.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventIds;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GcpServiceAccountsParserTest {

    private static final String FORMAT = "gcp-service-accounts";
    private static final long OBSERVED_AT = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    private static ListParseOutput parse(String fileName, byte[] content) {
        return parseFile(FORMAT, fileName, content, OBSERVED_AT);
    }

    private static ListParseOutput parseText(String content) {
        return parse("accounts.json", content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theRestResponseYieldsEveryAccountAtTheTimeOfTheFile() {
        ListParseOutput out =
                parse(
                        "cartography.json",
                        resource("/fixtures/gcp/listings/cartography-serviceAccounts.list.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED identity=gcp:sa:service-1@project-123.iam.gserviceaccount.com {account=project-123, identityType=service-account, name=Service Account 1, status=Active}",
                        "OBSERVED identity=gcp:sa:service-2@project-123.iam.gserviceaccount.com {account=project-123, identityType=service-account, name=Service Account 2, status=Active}");
        assertThat(out.events())
                .allSatisfy(e -> assertThat(e.getEventTime()).isEqualTo(OBSERVED_AT));
        assertThat(out.events().get(0).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "OBSERVED",
                                "gcp:sa:service-1@project-123.iam.gserviceaccount.com",
                                "2026-11-01T00:00:00Z"));
    }

    @Test
    void theGcloudArrayYieldsStatusNamesAndOwnersFromDescriptions() {
        ListParseOutput out =
                parse(
                        "gcloud.json",
                        resource("/fixtures/gcp/listings/gcloud-service-accounts-list.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED identity=gcp:sa:web-deployer@acme-prod.iam.gserviceaccount.com {account=acme-prod, identityType=service-account, name=Web deployer, status=Active}",
                        "OWNER_HINT identity=gcp:sa:web-deployer@acme-prod.iam.gserviceaccount.com actor=maria.lopez@acme.example {ownerSource=tag}",
                        "OBSERVED identity=gcp:sa:legacy-sync@acme-prod.iam.gserviceaccount.com {account=acme-prod, identityType=service-account, name=legacy-sync, status=Inactive}",
                        "OBSERVED identity=gcp:sa:611204388015-compute@developer.gserviceaccount.com {account=acme-prod, identityType=service-account, name=Compute Engine default service account, status=Active}");
    }

    @Test
    void oneAccountPerLineAndTheProjectFromTheAddress() {
        ListParseOutput out =
                parseText(
                        "{\"email\":\"a@p-one.iam.gserviceaccount.com\",\"disabled\":\"true\"}\n"
                                + "{\"email\":\"b@p-one.iam.gserviceaccount.com\","
                                + "\"name\":\"projects/p-two/serviceAccounts/b@p-one.iam.gserviceaccount.com\","
                                + "\"description\":\"owner: not-an-address\"}\n");

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED identity=gcp:sa:a@p-one.iam.gserviceaccount.com {account=p-one, identityType=service-account, name=a, status=Inactive}",
                        "OBSERVED identity=gcp:sa:b@p-one.iam.gserviceaccount.com {account=p-two, identityType=service-account, name=b, status=Active}");
    }

    @Test
    void anEmptyResponseListsNothing() {
        for (String empty : new String[] {"{}", "[]", "{\"nextPageToken\":\"x\"}"}) {
            ListParseOutput out = parseText(empty);
            assertThat(out.events()).isEmpty();
            assertThat(out.rejections()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"accounts\":[|the JSON ends too early at line 2, column 1",
                "\"accounts\"|the record is not a service account listing",
                "{\"etag\":\"x\"}|the record is not a service account listing",
                "{\"accounts\":{\"email\":\"a@b.c\"}}|the accounts field of the record is not an array",
                "[7]|a service account of the listing is not an object",
                "[{\"displayName\":\"x\"}]|a service account of the listing has no email",
                "[{\"email\":{\"a\":1}}]|a service account of the listing has no email",
                "[{\"email\":\"nobody\"}]|the email of a service account of the listing is not an e-mail address",
                "[{\"email\":\"a@p.iam.gserviceaccount.com\",\"disabled\":{}}]|the disabled field of a service account of the listing is not a boolean",
            })
    void brokenRecordsAreRejectedWithAReason(String record, String reason) {
        ListParseOutput out = parseText(record);
        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out)).containsExactly(reason);
    }

    @Test
    void aBadAccountCostsOnlyItself() {
        ListParseOutput out =
                parseText(
                        "{\"accounts\":[{\"email\":\"a@p.iam.gserviceaccount.com\"},null,"
                                + "{\"email\":\"b@p.iam.gserviceaccount.com\"}]}");
        assertThat(out.events())
                .extracting(IdentityEvent::getIdentityId)
                .containsExactly(
                        "gcp:sa:a@p.iam.gserviceaccount.com", "gcp:sa:b@p.iam.gserviceaccount.com");
        assertThat(out.rejections())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.reason())
                                    .isEqualTo("a service account of the listing is not an object");
                            assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                    .isEqualTo("null");
                        });
    }

    @Test
    void anOversizeDescriptionIsReadOnlySoFar() {
        String description = "x".repeat(5 * 1024 * 1024) + " owner: late@acme.example";
        ListParseOutput out =
                parseText(
                        "[{\"email\":\"a@p.iam.gserviceaccount.com\",\"description\":\""
                                + description
                                + "\"}]");
        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED identity=gcp:sa:a@p.iam.gserviceaccount.com {account=p, identityType=service-account, name=a, status=Active}");
    }
}
