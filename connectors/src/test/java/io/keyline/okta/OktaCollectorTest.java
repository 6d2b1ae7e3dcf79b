package io.keyline.okta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.RawRecord;
import io.keyline.source.ParserHarness;
import io.keyline.source.poll.CollectorSettings;
import io.keyline.source.poll.FakeApi;
import io.keyline.source.poll.FakeApi.Answer;
import io.keyline.source.poll.PollSplit;
import io.keyline.source.poll.ReaderHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Okta collector against a local server that answers as Okta's API does: the System Log's pages
 * with {@code after} cursors in {@code Link} headers, the listings' pages, a rate limit, a refusal;
 * and a restart in the middle of the log's pages.
 */
class OktaCollectorTest {

    private static final String TOKEN = FakeOkta.TOKEN;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-11-02T00:00:00Z"), ZoneOffset.UTC);

    @TempDir Path dir;
    private FakeOkta fake;
    private FakeApi okta;

    @BeforeEach
    void startOkta() throws Exception {
        fake = new FakeOkta(4).rateLimitOnceAt(4);
        okta = fake.api();
    }

    @AfterEach
    void stopOkta() {
        fake.close();
    }

    private static int intParam(String query, String name, int fallback) {
        int v = FakeOkta.intParam(query, name);
        return v < 0 ? fallback : v;
    }

    private OktaCollector collector(String... extra) throws Exception {
        Path token = dir.resolve("okta-token");
        Files.writeString(token, TOKEN + "\n");
        Map<String, String> settings = new java.util.HashMap<>();
        settings.put("url", okta.url().toString());
        settings.put("token-file", token.toString());
        settings.put("since", "2026-10-26");
        settings.put("page-size", "4");
        for (int i = 0; i < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        return OktaCollector.of(new CollectorSettings("okta", settings), CLOCK);
    }

    private static PollSplit split(OktaCollector c, String format) {
        return c.splits().stream().filter(s -> s.format().equals(format)).findFirst().orElseThrow();
    }

    /** The System Log events the records hold, by uuid, in order. */
    private static List<String> uuids(List<RawRecord> records) throws Exception {
        List<String> out = new ArrayList<>();
        for (RawRecord r : records) {
            assertThat(r.getError()).isNull();
            for (JsonNode e : Json.read(r.getPayload())) {
                out.add(e.get("uuid").asText());
            }
        }
        return out;
    }

    @Test
    void theSystemLogIsReadPageByPageWithItsCursorAndTheTokenOnEveryRequest() throws Exception {
        OktaCollector c = collector();
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(List.of(split(c, "okta-system-log"))).noMoreSplits();

            List<RawRecord> records = h.pollToEnd(PATIENCE);

            assertThat(uuids(records)).isEqualTo(fake.logUuids());
            assertThat(records)
                    .allSatisfy(
                            r ->
                                    assertThat(r.getOrigin())
                                            .isEqualTo(
                                                    "collector:/okta-system-log/127.0.0.1/api/v1/logs"));
        }
        List<FakeApi.Request> requests = okta.requests("/api/v1/logs");
        assertThat(requests.get(0).query())
                .isEqualTo("since=2026-10-26T00:00:00Z&sortOrder=ASCENDING&limit=4");
        // after=4 was rate limited once and asked again after the second Retry-After asked for.
        assertThat(requests)
                .extracting(r -> intParam(r.query(), "after", 0))
                .containsExactly(0, 4, 4, 8);
        assertThat(requests)
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("SSWS " + TOKEN));
    }

    @Test
    void aRestartInTheMiddleOfTheLogResumesAtTheCheckpointedPage() throws Exception {
        OktaCollector c = collector();
        List<PollSplit> state;
        List<RawRecord> before;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(List.of(split(c, "okta-system-log"))).noMoreSplits();
            before = h.pollUntil(1, PATIENCE);
            state = h.checkpoint(1);
        }
        assertThat(state).hasSize(1);
        assertThat(state.get(0).cursor()).endsWith("after=4");

        List<RawRecord> after;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(state).noMoreSplits();
            after = h.pollToEnd(PATIENCE);
        }
        List<String> all = new ArrayList<>(uuids(before));
        all.addAll(uuids(after));
        assertThat(all).isEqualTo(fake.logUuids());
        assertThat(okta.requests("/api/v1/logs"))
                .filteredOn(r -> intParam(r.query(), "after", 0) == 0)
                .hasSize(1);
    }

    @Test
    void theListingsFollowTheirPagesAndTheUsersListingIncludesTheDeprovisioned() throws Exception {
        OktaCollector c = collector();
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(List.of(split(c, "okta-api-tokens"), split(c, "okta-users"))).noMoreSplits();
            List<RawRecord> records = h.pollToEnd(PATIENCE);

            int tokens = 0;
            int users = 0;
            for (RawRecord r : records) {
                assertThat(r.getError()).isNull();
                assertThat(r.getObservedAt()).isEqualTo(CLOCK.millis());
                int n = Json.read(r.getPayload()).size();
                if (r.getFormat().equals("okta-api-tokens")) {
                    tokens += n;
                } else {
                    users += n;
                }
            }
            assertThat(tokens).isEqualTo(2);
            assertThat(users).isEqualTo(4);
        }
        assertThat(okta.requests("/api/v1/users"))
                .extracting(FakeApi.Request::query)
                .containsExactly(
                        "limit=4",
                        "limit=2&after=2",
                        "limit=4&search=status%20eq%20%22DEPROVISIONED%22");
    }

    @Test
    void aRefusalIsOneDeadLetterThatNamesTheOrgThePathAndTheRoleAndNotTheToken() throws Exception {
        okta.route(
                "/api/v1/api-tokens",
                r ->
                        Answer.status(
                                403,
                                "{\"errorCode\":\"E0000006\",\"errorSummary\":\"You do not have"
                                        + " permission to perform the requested action\"}"));
        OktaCollector c = collector();
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(List.of(split(c, "okta-api-tokens"))).noMoreSplits();
            List<RawRecord> records = h.pollToEnd(PATIENCE);

            assertThat(records).hasSize(1);
            assertThat(records.get(0).getError())
                    .isEqualTo(
                            "The Okta org 127.0.0.1 refused GET /api/v1/api-tokens (HTTP 403"
                                    + " (\"You do not have permission to perform the requested"
                                    + " action\")): "
                                    + OktaCollector.FIX
                                    + ".")
                    .doesNotContain(TOKEN);
        }
    }

    @Test
    void aMissingTokenIsASentenceThatSaysWhereToPutIt() throws Exception {
        OktaCollector c =
                OktaCollector.of(
                        new CollectorSettings(
                                "okta",
                                Map.of(
                                        "url",
                                        okta.url().toString(),
                                        "token-env",
                                        "KEYLINE_TEST_NO_SUCH_VARIABLE")),
                        CLOCK);
        assertThatThrownBy(() -> c.open(split(c, "okta-system-log")))
                .hasMessage(
                        "The Okta API token is not set: put it in the environment variable"
                                + " KEYLINE_TEST_NO_SUCH_VARIABLE, or name a file that holds it"
                                + " with collect.okta.token-file.");
    }

    @Test
    void wrongSettingsAreNamed() {
        assertThatThrownBy(
                        () ->
                                OktaCollector.of(
                                        new CollectorSettings("okta", Map.of("url", "acme")),
                                        CLOCK))
                .hasMessage("collect.okta.url is a URL such as https://acme.okta.com, not 'acme'.");
        assertThatThrownBy(
                        () ->
                                OktaCollector.of(
                                        new CollectorSettings(
                                                "okta",
                                                Map.of(
                                                        "url",
                                                        "https://acme.okta.com",
                                                        "tokn",
                                                        "x")),
                                        CLOCK))
                .hasMessageStartingWith(
                        "Unknown setting 'collect.okta.tokn'; the okta collector's settings are ");
    }

    @Test
    void whatTheCollectorFetchesParsesAsTheOrgsOwnExports() throws Exception {
        OktaCollector c = collector();
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(c.splits()).noMoreSplits();
            List<RawRecord> records = h.pollToEnd(PATIENCE);
            int events = 0;
            for (RawRecord r : records) {
                var out =
                        ParserHarness.parseFile(
                                r.getFormat(), "collected.json", r.getPayload(), r.getObservedAt());
                assertThat(out.rejections()).isEmpty();
                events += out.events().size();
            }
            assertThat(events).isGreaterThan(20);
            assertThat(new String(records.get(0).getPayload(), StandardCharsets.UTF_8))
                    .doesNotContain(TOKEN);
        }
    }
}
