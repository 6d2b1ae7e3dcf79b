package io.keyline.okta;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventIds;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiTokensParserTest {

    private static final String FORMAT = "okta-api-tokens";
    private static final long OBSERVED_AT = Instant.parse("2025-07-01T00:00:00Z").toEpochMilli();

    private static ListParseOutput parse(String fileName, byte[] content) {
        return ParserHarness.parseFile(FORMAT, fileName, content, OBSERVED_AT);
    }

    private static ListParseOutput parse(String fileName, String content) {
        return parse(fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] fixture() {
        return ParserHarness.resource("/fixtures/okta/api-tokens.json");
    }

    @Test
    void eachListedTokenIsObservedAtTheTimeOfTheFile() {
        ListParseOutput out = parse("acme/2025-07-01-api-tokens.json", fixture());

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        // The listing names the user by id only: no identity.
                        "OBSERVED credential=okta:acme:api-token:00T1a2b3c4d5e6f7g8h9 type=OKTA_API_TOKEN {account=acme, createdAt=2025-06-02T10:00:00.000Z, expiresAt=2025-07-20T08:12:44.000Z, name=ci-deploy, oktaUserId=00u1lw9qarTyUi2Op3a4, status=Active}",
                        // An exporter added the login; no expiry stated means it never expires.
                        "OBSERVED credential=okta:acme:api-token:00Tz9y8x7w6v5u4t3s2r type=OKTA_API_TOKEN identity=okta:user:svc-ci@example.com {account=acme, createdAt=2024-11-30T23:59:59.000Z, expiresAt=never, name=terraform, oktaUserId=00u3ci7deployQw8Er9t0, status=Active}");
        assertThat(out.events())
                .allSatisfy(e -> assertThat(e.getEventTime()).isEqualTo(OBSERVED_AT));
        assertThat(out.events().get(0).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "OBSERVED",
                                "okta:acme:api-token:00T1a2b3c4d5e6f7g8h9",
                                "2025-07-01T00:00:00Z"));
    }

    @Test
    void withoutAnOrgFolderTheOrgIsTheHostOfTheTokensLinks() {
        assertThat(parse("api-tokens.json", fixture()).events())
                .extracting(IdentityEvent::getCredentialId)
                .containsExactly(
                        "okta:acme:api-token:00T1a2b3c4d5e6f7g8h9",
                        "okta:acme:api-token:00Tz9y8x7w6v5u4t3s2r");
    }

    @Test
    void oneTokenPerLineAndANestedUserLoginAreReadToo() {
        String lines =
                "{\"id\":\"00Ta\",\"name\":\"a\",\"created\":\"2025-01-01T00:00:00.000Z\",\"user\":{\"login\":\"Bot-A@example.com\"}}\n"
                        + "{\"id\":\"00Tb\",\"name\":\"b\",\"user.login\":\"bot-b@example.com\",\"org\":\"Beta\"}\n";
        assertThat(EventsText.of(parse("tokens.jsonl", lines)))
                .containsExactly(
                        "OBSERVED credential=okta:okta:api-token:00Ta type=OKTA_API_TOKEN identity=okta:user:bot-a@example.com {account=okta, createdAt=2025-01-01T00:00:00.000Z, expiresAt=never, name=a, status=Active}",
                        "OBSERVED credential=okta:beta:api-token:00Tb type=OKTA_API_TOKEN identity=okta:user:bot-b@example.com {account=beta, expiresAt=never, name=b, status=Active}");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[{\"id\":|the JSON ends too early at line 2, column 1",
                "42|the record is neither an Okta API token nor an array of them",
                "[\"00Tx\"]|an Okta API token of the listing is not a JSON object",
                "[{\"name\":\"x\"}]|an Okta API token of the listing has no id",
                "[{\"id\":null}]|an Okta API token of the listing has no id",
                "[{\"id\":\"00Tx\",\"created\":\"last week\"}]|the created of an Okta API token of the listing is not a time stamp",
                "[{\"id\":\"00Tx\",\"expiresAt\":{\"t\":1}}]|the expiresAt of an Okta API token of the listing is not a time stamp",
                "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\"}|the record is an Okta API error response, not a listing",
            })
    void brokenListingsAreRejectedWithAReason(String record, String reason) {
        ListParseOutput out = parse("acme/bad.json", record);
        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out)).containsExactly(reason);
    }

    @Test
    void aBadTokenCostsOnlyItself() {
        ListParseOutput out =
                parse(
                        "acme/tokens.json",
                        "[{\"id\":\"00T1\"}, {\"id\":\"00T2\",\"created\":true}, {\"id\":\"00T3\"}]");
        assertThat(out.events())
                .extracting(IdentityEvent::getCredentialId)
                .containsExactly("okta:acme:api-token:00T1", "okta:acme:api-token:00T3");
        assertThat(out.rejections())
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                        .isEqualTo("{\"id\":\"00T2\",\"created\":true}"));
    }

    @Test
    void deeplyNestedInputIsRejected() {
        ListParseOutput out = parse("acme/deep.json", "[".repeat(300) + "]".repeat(300));
        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out))
                .singleElement()
                .satisfies(r -> assertThat(r).startsWith("the JSON is nested too deeply"));
    }
}
