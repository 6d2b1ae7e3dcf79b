package io.keyline.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.EventJson;
import io.keyline.format.Excerpts;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GitHub audit input that is broken on purpose, and tokens planted where hashes belong. */
class GitHubAuditHostileInputTest {

    /** A made-up classic token: the shape of one, never a real one. */
    private static final String PLANTED = "ghp_" + "K3yl1neFixtureT0kenN0tRealAtAll0123456";

    private static final String GOOD =
            "{\"@timestamp\":1767225600000,\"_document_id\":\"good-1\",\"action\":\"git.clone\","
                    + "\"actor\":\"svc-mirror\",\"hashed_token\":\"q+Z117870hBPh0GHV2+kKXBC9REKEpie381vTvC/aUw=\","
                    + "\"org\":\"acme-platform\",\"programmatic_access_type\":\"OAuth access token\"}";

    private static ListParseOutput parse(String text) {
        return ParserHarness.parseFile(
                "github-audit", "bad.json", text.getBytes(StandardCharsets.UTF_8), 0);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[{\"@timestamp\":1,|the JSON ends too early at line 2, column 1",
                "{\"@timestamp\": 2025-01-01}|the JSON has an unexpected token at line 1, column 21",
                "\"api.request\"|the record is neither a GitHub audit event nor an array of them",
                "42|the record is neither a GitHub audit event nor an array of them",
                "[\"api.request\"]|a GitHub audit event is not a JSON object",
                "[null]|a GitHub audit event is not a JSON object",
                "{\"action\":\"git.clone\",\"hashed_token\":\"x\"}|a GitHub audit event has no @timestamp or created_at",
                "{\"@timestamp\":null,\"created_at\":null,\"action\":\"git.clone\"}|a GitHub audit event has no @timestamp or created_at",
                "{\"@timestamp\":\"yesterday\",\"action\":\"git.clone\"}|the @timestamp of a GitHub audit event is not a time stamp",
                "{\"@timestamp\":{\"ms\":1},\"action\":\"git.clone\"}|the @timestamp of a GitHub audit event is not a time stamp",
                "{\"@timestamp\":true,\"action\":\"git.clone\"}|the @timestamp of a GitHub audit event is not a time stamp",
                "{\"created_at\":\"\",\"action\":\"git.clone\"}|the created_at of a GitHub audit event is not a time stamp",
                "{\"@timestamp\":1,\"hashed_token\":\"x\"}|a GitHub audit event has no action",
                "{\"@timestamp\":1,\"action\":{\"name\":\"git.clone\"}}|a GitHub audit event has no action",
            })
    void brokenRecordsAreRejectedWithAReason(String record, String reason) {
        ListParseOutput out = parse(record);
        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out)).containsExactly(reason);
    }

    @Test
    void wrongTypesAndNullsWhereValuesBelongAreIgnored() {
        ListParseOutput out =
                parse(
                        "{\"@timestamp\":1,\"action\":\"git.clone\",\"actor\":[\"a\"],\"org\":{},"
                                + "\"repo\":42,\"user\":null,\"hashed_token\":\"x\",\"token_id\":\"abc\","
                                + "\"token_scopes\":[\"repo\"],\"actor_ip\":null,\"user_agent\":{},"
                                + "\"actor_is_bot\":\"yes\",\"status_code\":\"teapot\"}");
        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "USED credential=github:token:x type=GITHUB_PAT action=git.clone {}");
    }

    @Test
    void aBadEventInAPageCostsOnlyItself() {
        ListParseOutput out =
                parse(
                        "["
                                + GOOD
                                + ",{\"@timestamp\":[]},"
                                + GOOD.replace("good-1", "good-2")
                                + "]");
        assertThat(out.events())
                .extracting(IdentityEvent::getEventId)
                .containsExactly("github-audit:good-1", "github-audit:good-2");
        assertThat(out.rejections())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.reason())
                                    .isEqualTo(
                                            "the @timestamp of a GitHub audit event is not a time stamp");
                            assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                    .isEqualTo("{\"@timestamp\":[]}");
                        });
    }

    @Test
    void aHashedTokenThatCannotBeAHashIsRejectedAndTheRestOfTheEventStillCounts() {
        String event =
                "{\"@timestamp\":1,\"_document_id\":\"d-1\",\"action\":\"integration_installation.create\","
                        + "\"actor\":\"org-owner-sam\",\"integration\":\"Release Drafter\","
                        + "\"hashed_token\":\"not a hash at all\",\"org\":\"acme-platform\"}";
        ListParseOutput out = parse(event);
        assertThat(EventsText.of(out))
                .containsExactly(
                        "CREATED identity=github:app:release-drafter actor=org-owner-sam {account=acme-platform, identityType=app, name=Release Drafter}");
        assertThat(out.rejections())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.reason())
                                    .isEqualTo(
                                            "the hashed_token of a GitHub audit event is not a token hash");
                            assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                    .doesNotContain("not a hash at all")
                                    .contains("d-1");
                        });
    }

    @Test
    void aTokenWrittenWhereItsHashBelongsBecomesItsHashAndReachesNoOutput() {
        ListParseOutput out =
                parse(
                        GOOD.replace("good-1", "planted")
                                .replace("q+Z117870hBPh0GHV2+kKXBC9REKEpie381vTvC/aUw=", PLANTED)
                                .replace("\"org\"", "\"token_scopes\":\"repo\",\"org\""));

        assertThat(out.rejections()).isEmpty();
        // The use, the scope it carries, and its user as the personal token's creator.
        assertThat(out.events()).hasSize(3);
        assertThat(out.events().get(0).getCredentialId())
                .isEqualTo("github:token:" + Fingerprinter.githubHashedToken(PLANTED));
        // The token's prefix tells its kind better than the field does.
        assertThat(out.events().get(0).getCredentialType()).isEqualTo("GITHUB_PAT");
        assertThat(out.events())
                .allSatisfy(
                        e -> {
                            assertThat(EventJson.toJson(e)).doesNotContain(PLANTED);
                            assertThat(e.getEventId()).doesNotContain(PLANTED);
                        });
    }

    @Test
    void aPlantedTokenReachesNoRejectionEither() {
        String[] broken = {
            "{\"@timestamp\":\"soon\",\"action\":\"git.clone\",\"hashed_token\":\""
                    + PLANTED
                    + "\"}",
            "{\"@timestamp\":1,\"hashed_token\":\"" + PLANTED + "\"}",
            "[{\"hashed_token\":\"" + PLANTED + "\"}]",
            "{\"@timestamp\":1,\"action\":\"git.clone\",\"hashed_token\":\""
                    + PLANTED.substring(0, 20)
                    + "\"}",
        };
        for (String record : broken) {
            ListParseOutput out = parse(record);
            assertThat(out.events())
                    .allSatisfy(e -> assertThat(EventJson.toJson(e)).doesNotContain("ghp_"));
            assertThat(out.rejections())
                    .isNotEmpty()
                    .allSatisfy(
                            r -> {
                                assertThat(r.reason()).doesNotContain("ghp_");
                                assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                        .doesNotContain("ghp_");
                            });
        }
    }

    @Test
    void aTenMegabyteUserAgentIsClippedAndATenMegabyteBrokenRecordIsRejectedMasked() {
        String huge = "x".repeat(10 * 1024 * 1024);
        ListParseOutput clipped =
                parse(GOOD.replace("\"org\"", "\"user_agent\":\"" + huge + "\",\"org\""));
        assertThat(clipped.rejections()).isEmpty();
        assertThat(clipped.events())
                .singleElement()
                .satisfies(e -> assertThat(e.getConsumer().getUserAgent()).hasSize(512));

        ListParseOutput broken = parse("{\"@timestamp\":\"" + "A".repeat(10 * 1024 * 1024));
        assertThat(broken.rejections())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.reason())
                                    .startsWith(
                                            "a JSON string is not closed or holds a raw control character");
                            assertThat(Excerpts.mask(r.payload()))
                                    .hasSizeLessThanOrEqualTo(Excerpts.MAX_LENGTH)
                                    .doesNotContain("AAAAAA");
                        });
    }

    @Test
    void deeplyNestedValuesAreRejected() {
        String deep = "[".repeat(300) + "]".repeat(300);
        ListParseOutput out = parse("{\"@timestamp\":1,\"action\":\"x\",\"data\":" + deep + "}");
        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out))
                .singleElement()
                .asString()
                .startsWith("the JSON is nested too deeply");
    }

    @Test
    void manyScopesAreBoundedAndUnknownActionsYieldNothing() {
        StringBuilder scopes = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            scopes.append("scope_").append(i).append(',');
        }
        ListParseOutput out =
                parse(GOOD.replace("\"org\"", "\"token_scopes\":\"" + scopes + "\",\"org\""));
        assertThat(out.events()).hasSize(1 + GitHubScopes.MAX_SCOPES);

        assertThat(
                        parse(
                                        "{\"@timestamp\":1,\"action\":\"something.brand_new\",\"actor\":\"a\"}")
                                .events())
                .isEmpty();
        assertThat(
                        parse(
                                        "{\"@timestamp\":1,\"action\":\"something.brand_new\",\"actor\":\"a\"}")
                                .rejections())
                .isEmpty();
    }

    @Test
    void rejectionReasonsQuoteNothingFromThePayload() {
        ListParseOutput out = parse("{\"@timestamp\":\"SECRET-VALUE-123\",\"action\":\"x\"}");
        assertThat(out.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).doesNotContain("SECRET-VALUE-123"));
    }
}
