package io.keyline.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.Json;
import io.keyline.format.ListParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.model.IdentityEvent;
import io.keyline.source.Formats;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub collector against a local server that answers as GitHub's REST API does: the audit
 * log's pages with cursors in {@code Link} headers, its catch-up query, the listings, a secondary
 * rate limit (429 with {@code Retry-After}) and an exhausted one (403 with {@code
 * x-ratelimit-reset}), refusals; and a restart in the middle of the audit log's pages.
 */
class GitHubCollectorTest {

    private static final String TOKEN = FakeGitHub.TOKEN;
    private static final String ORG = FakeGitHub.ORG;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-11-02T00:00:00Z"), ZoneOffset.UTC);
    private static final String AUDIT = "/orgs/" + ORG + "/audit-log";

    @TempDir Path dir;
    private FakeGitHub fake;
    private FakeApi gitHub;

    @BeforeEach
    void startGitHub() throws Exception {
        fake = new FakeGitHub("").rateLimitOnceAt(4);
        gitHub = fake.api();
    }

    @AfterEach
    void stopGitHub() {
        fake.close();
    }

    private GitHubCollector collector(String... extra) throws Exception {
        Path token = dir.resolve("github-token");
        Files.writeString(token, TOKEN + "\n");
        Map<String, String> settings = new HashMap<>();
        settings.put("org", ORG);
        settings.put("api-url", fake.apiUrl());
        settings.put("token-file", token.toString());
        settings.put("since", "2026-01-01");
        settings.put("page-size", "4");
        for (int i = 0; i < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        return GitHubCollector.of(new CollectorSettings("github", settings), CLOCK);
    }

    private static PollSplit split(GitHubCollector c, String format) {
        return c.splits().stream().filter(s -> s.format().equals(format)).findFirst().orElseThrow();
    }

    /** The audit events the records hold, by document id (else action), in order. */
    private static List<String> events(List<RawRecord> records) throws Exception {
        List<String> out = new ArrayList<>();
        for (RawRecord r : records) {
            assertThat(r.getError()).isNull();
            for (JsonNode e : Json.read(r.getPayload())) {
                out.add(name(e));
            }
        }
        return out;
    }

    private static String name(JsonNode e) {
        return e.has("_document_id") ? e.get("_document_id").asText() : e.get("action").asText();
    }

    private List<String> logNames() {
        return fake.log().stream().map(GitHubCollectorTest::name).toList();
    }

    /** What the records parse into, each by its format's parser at its own origin. */
    private static ListParseOutput parse(List<RawRecord> records) {
        ListParseOutput out = new ListParseOutput();
        for (RawRecord r : records) {
            Formats.require(r.getFormat()).newParser(Fingerprinter.fromEnvironment()).parse(r, out);
        }
        return out;
    }

    @Test
    void theAuditLogIsReadPageByPageWithGitHubsCursorAndTheHeadersOnEveryRequest()
            throws Exception {
        GitHubCollector c = collector();
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(List.of(split(c, "github-audit"))).noMoreSplits();

            List<RawRecord> records = h.pollToEnd(PATIENCE);

            assertThat(events(records)).hasSize(19).isEqualTo(logNames());
            assertThat(records)
                    .allSatisfy(
                            r ->
                                    assertThat(r.getOrigin())
                                            .isEqualTo(
                                                    "collector:/github-audit/"
                                                            + ORG
                                                            + "/audit-log"));
        }
        List<FakeApi.Request> requests = gitHub.requests(AUDIT);
        assertThat(requests.get(0).query())
                .isEqualTo(
                        "include=all&order=asc&per_page=4&phrase=created%3A%3E%3D2026-01-01T00%3A00%3A00%2B00%3A00");
        // The page from event 4 was rate limited once and asked again after Retry-After.
        assertThat(requests)
                .extracting(r -> FakeGitHub.cursorIndex(FakeGitHub.params(r.query()).get("after")))
                .containsExactly(0, 4, 4, 8, 12, 16);
        assertThat(requests)
                .allSatisfy(
                        r -> {
                            assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN);
                            assertThat(r.header("Accept")).isEqualTo("application/vnd.github+json");
                            assertThat(r.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
                        });
    }

    @Test
    void aRestartInTheMiddleOfTheAuditLogResumesAtTheCheckpointedPage() throws Exception {
        GitHubCollector c = collector();
        List<PollSplit> state;
        List<RawRecord> before;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(List.of(split(c, "github-audit"))).noMoreSplits();
            before = h.pollUntil(1, PATIENCE);
            state = h.checkpoint(1);
        }
        assertThat(before).hasSize(1);
        assertThat(state).singleElement();
        assertThat(FakeGitHub.cursorIndex(FakeGitHub.params(cursorUrl(state)).get("after")))
                .isEqualTo(4);

        List<RawRecord> after;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(state).noMoreSplits();
            after = h.pollToEnd(PATIENCE);
        }
        List<String> all = new ArrayList<>(events(before));
        all.addAll(events(after));
        assertThat(all).isEqualTo(logNames());
        assertThat(gitHub.requests(AUDIT))
                .filteredOn(r -> !FakeGitHub.params(r.query()).containsKey("after"))
                .hasSize(1);
    }

    /** The query of the URL a cursor holds ({@code <newest millis> <url>}). */
    private static String cursorUrl(List<PollSplit> state) {
        String cursor = state.get(0).cursor();
        return java.net.URI.create(cursor.substring(cursor.indexOf(' ') + 1)).getRawQuery();
    }

    @Test
    void onceCaughtUpTheLogIsAskedAgainFromItsNewestSecondAndWhatComesTwiceHasTheSameIds()
            throws Exception {
        GitHubCollector c = collector("page-size", "100");
        List<RawRecord> first;
        List<RawRecord> second;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofSeconds(1), false)) {
            h.add(List.of(split(c, "github-audit")));
            first = h.pollUntil(1, PATIENCE);
            // A new event, 30 seconds after the newest one.
            fake.append(
                    Json.read(
                            ("{\"@timestamp\":1767312031000,\"_document_id\":\"NEW-event-0001\","
                                            + "\"action\":\"personal_access_token.access_granted\","
                                            + "\"actor\":\"org-owner-sam\",\"org\":\""
                                            + ORG
                                            + "\",\"token_id\":5150777,\"user\":\"new-hire\"}")
                                    .getBytes(StandardCharsets.UTF_8)));
            second = h.pollUntil(2, PATIENCE).subList(1, 2);
            assertThat(h.checkpoint(1).get(0).cursor())
                    .isEqualTo(
                            "1767312031000 "
                                    + fake.apiUrl()
                                    + AUDIT
                                    + "?include=all&order=asc&per_page=100&phrase=created%3A%3E%3D2026-01-02T00%3A00%3A31%2B00%3A00");
        }
        assertThat(events(first)).isEqualTo(logNames().subList(0, 19));
        // The second query starts at the newest event's second, 2026-01-02T00:00:01Z: the two
        // events of that second come again, with the new one.
        assertThat(FakeGitHub.params(gitHub.requests(AUDIT).get(1).query()).get("phrase"))
                .isEqualTo("created:>=2026-01-02T00:00:01+00:00");
        assertThat(events(second))
                .containsExactly(
                        "At0Jy1Kz2La3Mb4Nc5Od6p", "Bu1Kz2La3Mb4Nc5Od6Pe7q", "NEW-event-0001");

        // The events read twice yield the same ids as the first time, which the job drops as
        // duplicates; only the new event's are new.
        List<String> firstIds =
                parse(first).events().stream().map(IdentityEvent::getEventId).toList();
        List<String> secondIds =
                parse(second).events().stream().map(IdentityEvent::getEventId).toList();
        assertThat(secondIds)
                .contains("github-audit:Bu1Kz2La3Mb4Nc5Od6Pe7q", "github-audit:NEW-event-0001")
                .filteredOn(id -> !firstIds.contains(id))
                .allSatisfy(id -> assertThat(id).startsWith("github-audit:NEW-event-0001"));
    }

    @Test
    void theListingsFollowTheirPagesAndEachRepositorysKeysAreOneDocument() throws Exception {
        GitHubCollector c = collector();
        List<RawRecord> records;
        long started = System.nanoTime();
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(
                            List.of(
                                    split(c, "github-pats"),
                                    split(c, "github-pat-requests"),
                                    split(c, "github-deploy-keys"),
                                    split(c, "github-app-installations")))
                    .noMoreSplits();
            records = h.pollToEnd(PATIENCE);
        }
        assertThat(records)
                .allSatisfy(
                        r -> {
                            assertThat(r.getError()).isNull();
                            assertThat(r.getObservedAt()).isEqualTo(CLOCK.millis());
                        })
                .extracting(RawRecord::getOrigin)
                .containsExactlyInAnyOrder(
                        "collector:/github-pats/" + ORG + "/personal-access-tokens",
                        "collector:/github-pat-requests/" + ORG + "/personal-access-token-requests",
                        "collector:/github-deploy-keys/" + ORG + "/payments/keys",
                        "collector:/github-app-installations/" + ORG + "/installations");
        // The repositories in two pages; the keys of each; the one gone is passed over.
        assertThat(gitHub.requests("/orgs/" + ORG + "/repos"))
                .extracting(FakeApi.Request::query)
                .containsExactly(
                        "type=all&sort=created&direction=asc&per_page=4",
                        "type=all&sort=created&direction=asc&per_page=2&page=2");
        assertThat(gitHub.requests())
                .extracting(FakeApi.Request::path)
                .contains(
                        "/repos/" + ORG + "/payments/keys",
                        "/repos/" + ORG + "/docs/keys",
                        "/repos/" + ORG + "/gone/keys");
        // The installations were refused once for an exhausted rate limit, and asked again once
        // its reset had passed.
        assertThat(gitHub.requests("/orgs/" + ORG + "/installations")).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isGreaterThan(Duration.ofSeconds(1));

        ListParseOutput out = parse(records);
        assertThat(out.rejections()).isEmpty();
        assertThat(out.events())
                .extracting(IdentityEvent::getCredentialId)
                .contains(
                        "github:pat:acme-platform/25381",
                        "github:deploy-key:acme-platform/payments/90210",
                        "github:deploy-key:acme-platform/payments/90211");
        assertThat(out.events())
                .extracting(IdentityEvent::getIdentityId)
                .contains("github:app:deploy-helper", "github:app:legacy-mirror");
    }

    @Test
    void aGitHubEnterpriseServerIsReachedBelowItsApiPath() throws Exception {
        try (FakeGitHub server = new FakeGitHub("/api/v3")) {
            GitHubCollector c =
                    GitHubCollector.of(
                            new CollectorSettings(
                                    "github",
                                    Map.of(
                                            "org",
                                            ORG,
                                            "since",
                                            "2026-01-01",
                                            "api-url",
                                            server.apiUrl() + "/",
                                            "token-file",
                                            Files.writeString(dir.resolve("t"), TOKEN).toString())),
                            CLOCK);
            try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
                h.add(List.of(split(c, "github-audit"), split(c, "github-pats"))).noMoreSplits();
                List<RawRecord> records = h.pollToEnd(PATIENCE);
                assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r.getError()).isNull());
            }
            assertThat(server.api().requests())
                    .extracting(FakeApi.Request::path)
                    .allSatisfy(p -> assertThat(p).startsWith("/api/v3/orgs/" + ORG + "/"));
        }
    }

    @Test
    void aRefusalIsOneDeadLetterThatNamesTheOrgAndTheScopeAndNotTheToken() throws Exception {
        gitHub.route(
                AUDIT,
                r ->
                        Answer.status(
                                403,
                                "{\"message\":\"Resource not accessible by personal access"
                                        + " token\",\"documentation_url\":\"https://docs.github.com/rest\"}"));
        GitHubCollector c = collector();
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(List.of(split(c, "github-audit"))).noMoreSplits();
            List<RawRecord> records = h.pollToEnd(PATIENCE);

            assertThat(records).hasSize(1);
            assertThat(records.get(0).getError())
                    .isEqualTo(
                            "The GitHub organization acme-platform refused GET "
                                    + AUDIT
                                    + " (HTTP 403 (\"Resource not accessible by personal access"
                                    + " token\")): use a token of an owner of the organization with"
                                    + " the read:audit_log scope (a GitHub App: the organization"
                                    + " permission Administration: read); the audit log API serves"
                                    + " only organizations on GitHub Enterprise Cloud or Server.")
                    .doesNotContain(TOKEN);
        }
        assertThat(gitHub.requests(AUDIT)).hasSize(1);
    }

    @Test
    void aNextPageOnAnotherHostIsRefusedAndTheTokenIsNotSentThere() throws Exception {
        try (FakeApi elsewhere = new FakeApi()) {
            String other = elsewhere.url().toString().replace("127.0.0.1", "localhost");
            gitHub.route(
                    "/orgs/" + ORG + "/personal-access-tokens",
                    r ->
                            Answer.json("[]")
                                    .with(
                                            "Link",
                                            "<"
                                                    + other
                                                    + "/orgs/"
                                                    + ORG
                                                    + "/personal-access-tokens?page=2>; rel=\"next\""));
            GitHubCollector c = collector();
            try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
                h.add(List.of(split(c, "github-pats"))).noMoreSplits();
                List<RawRecord> records = h.pollToEnd(PATIENCE);
                assertThat(records).singleElement();
                assertThat(records.get(0).getError())
                        .startsWith(
                                "The GitHub organization acme-platform sent a next page on another"
                                        + " host (localhost)");
            }
            assertThat(elsewhere.requests()).isEmpty();
        }
    }

    @Test
    void aMissingTokenIsASentenceThatSaysWhereToPutIt() throws Exception {
        GitHubCollector c =
                GitHubCollector.of(
                        new CollectorSettings(
                                "github",
                                Map.of("org", ORG, "token-env", "KEYLINE_TEST_NO_SUCH_VARIABLE")),
                        CLOCK);
        assertThatThrownBy(() -> c.open(split(c, "github-audit")))
                .hasMessage(
                        "The GitHub token is not set: put it in the environment variable"
                                + " KEYLINE_TEST_NO_SUCH_VARIABLE, or name a file that holds it"
                                + " with collect.github.token-file.");
    }

    @Test
    void wrongSettingsAreNamed() {
        assertThatThrownBy(() -> of(Map.of()))
                .hasMessage("The github collector needs collect.github.org, such as acme.");
        assertThatThrownBy(() -> of(Map.of("org", "acme/platform")))
                .hasMessage(
                        "collect.github.org is the login of a GitHub organization, such as acme,"
                                + " not 'acme/platform'.");
        assertThatThrownBy(() -> of(Map.of("org", "acme", "api-url", "github.example.com")))
                .hasMessage(
                        "collect.github.api-url is a URL such as https://github.example.com/api/v3,"
                                + " not 'github.example.com'.");
        assertThatThrownBy(() -> of(Map.of("org", "acme", "page-size", "500")))
                .hasMessage("collect.github.page-size is a whole number from 1 to 100, not '500'.");
        assertThatThrownBy(() -> of(Map.of("org", "acme", "organization", "acme")))
                .hasMessageStartingWith(
                        "Unknown setting 'collect.github.organization'; the github collector's"
                                + " settings are ");
        assertThat(of(Map.of("org", "acme")).splits())
                .extracting(PollSplit::splitId)
                .containsExactly(
                        "github-audit/acme",
                        "github-pats/acme",
                        "github-pat-requests/acme",
                        "github-deploy-keys/acme",
                        "github-app-installations/acme");
    }

    private static GitHubCollector of(Map<String, String> settings) {
        return GitHubCollector.of(new CollectorSettings("github", settings), CLOCK);
    }
}
