package io.keyline.source.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyline.source.poll.FakeApi.Answer;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests to a vendor's API: retries, rate limits, refusals and the next page. */
class HttpApiTest {

    private static final String SECRET = "Bearer ghp_not-a-real-token-but-secret";
    private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

    private FakeApi server;
    private final List<Duration> slept = new ArrayList<>();
    private HttpApi api;

    @BeforeEach
    void start() throws IOException {
        server = new FakeApi();
        api =
                new HttpApi(
                        "The GitHub organization acme",
                        Duration.ofSeconds(10),
                        slept::add,
                        Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpApi.Response get(String path) throws Exception {
        return api.get(
                URI.create(server.url() + path),
                Map.of("Authorization", SECRET),
                "the token needs the read:audit_log scope");
    }

    /** Answers with {@code first} for the first {@code times} requests, then with 200. */
    private void failing(String path, int times, Answer first) {
        AtomicInteger calls = new AtomicInteger();
        server.route(
                path, r -> calls.getAndIncrement() < times ? first : Answer.json("[{\"a\":1}]"));
    }

    @Test
    void aRateLimitWaitsAsLongAsRetryAfterSaysThenSucceeds() throws Exception {
        failing("/limited", 1, Answer.status(429, "{}").with("Retry-After", "7"));

        HttpApi.Response r = get("/limited");

        assertThat(r.status()).isEqualTo(200);
        assertThat(slept).containsExactly(Duration.ofSeconds(7));
        assertThat(server.requests("/limited"))
                .hasSize(2)
                .allSatisfy(q -> assertThat(q.header("Authorization")).isEqualTo(SECRET));
    }

    @Test
    void aRetryAfterDateAndTheResetHeadersOfOktaAndGitHubAreWaitedFor() throws Exception {
        failing(
                "/date",
                1,
                Answer.status(503, "{}").with("Retry-After", "Mon, 02 Nov 2026 10:00:30 GMT"));
        failing(
                "/okta",
                1,
                Answer.status(429, "{}")
                        .with("X-Rate-Limit-Reset", String.valueOf(NOW.getEpochSecond() + 20)));
        failing(
                "/github",
                1,
                Answer.status(403, "{\"message\":\"API rate limit exceeded\"}")
                        .with("x-ratelimit-remaining", "0")
                        .with("x-ratelimit-reset", String.valueOf(NOW.getEpochSecond() + 40)));

        get("/date");
        get("/okta");
        get("/github");

        assertThat(slept)
                .containsExactly(
                        Duration.ofSeconds(30), Duration.ofSeconds(21), Duration.ofSeconds(41));
    }

    @Test
    void gitHubsSecondaryRateLimitA403WithRetryAfterIsWaitedForNotRefused() throws Exception {
        failing(
                "/secondary",
                1,
                Answer.status(403, "{\"message\":\"You have exceeded a secondary rate limit\"}")
                        .with("Retry-After", "60")
                        .with("x-ratelimit-remaining", "4000"));

        assertThat(get("/secondary").status()).isEqualTo(200);
        assertThat(slept).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void aStatusTheCallerHandlesIsReturnedInsteadOfRefused() throws Exception {
        failing("/expired-continue", 1, Answer.status(410, "{\"reason\":\"Expired\"}"));

        HttpApi.Response r =
                api.get(
                        URI.create(server.url() + "/expired-continue"),
                        Map.of(),
                        "grant list",
                        java.util.Set.of(410));

        assertThat(r.status()).isEqualTo(410);
        assertThat(slept).isEmpty();
        assertThatThrownBy(() -> get("/expired-continue-unhandled"))
                .isInstanceOf(CollectorException.class);
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenGiveUpWithAnIoException() {
        failing("/down", 100, Answer.status(502, "bad gateway"));

        assertThatThrownBy(() -> get("/down"))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(CollectorException.class)
                .hasMessage(
                        "GET /down of The GitHub organization acme failed 6 times: it kept"
                                + " answering HTTP 502");
        assertThat(slept)
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(16));
    }

    @Test
    void aRefusalIsPermanentAndNamesWhatWasRefusedAndWhatFixesIt() {
        failing(
                "/orgs/acme/audit-log",
                100,
                Answer.status(403, "{\"message\":\"Must have admin rights\"}"));
        failing("/missing", 100, Answer.status(404, "{\"message\":\"Not Found\"}"));
        failing("/expired", 100, Answer.status(401, "{\"message\":\"Bad credentials\"}"));

        assertThatThrownBy(() -> get("/orgs/acme/audit-log"))
                .isInstanceOf(CollectorException.class)
                .hasMessage(
                        "The GitHub organization acme refused GET /orgs/acme/audit-log (HTTP 403"
                                + " (\"Must have admin rights\")): the token needs the"
                                + " read:audit_log scope.");
        assertThatThrownBy(() -> get("/missing"))
                .hasMessage(
                        "The GitHub organization acme has no /missing (HTTP 404 (\"Not Found\")):"
                                + " check the collector's settings, or the token needs the"
                                + " read:audit_log scope.");
        assertThatThrownBy(() -> get("/expired"))
                .hasMessageContaining("did not accept the credential for GET /expired (HTTP 401")
                .message()
                .doesNotContain("ghp_");
        assertThat(slept).isEmpty();
    }

    @Test
    void aRedirectIsFollowedOnTheSameHostOnlySoTheCredentialGoesNowhereElse() throws Exception {
        server.route(
                "/moved",
                r -> Answer.status(301, "").with("Location", server.url() + "/here?page=2"));
        server.route("/here", r -> Answer.json("[]"));
        server.route(
                "/away",
                r -> Answer.status(302, "").with("Location", "https://elsewhere.example/steal"));

        assertThat(get("/moved").status()).isEqualTo(200);
        assertThat(server.requests("/here"))
                .singleElement()
                .satisfies(
                        q -> {
                            assertThat(q.query()).isEqualTo("page=2");
                            assertThat(q.header("Authorization")).isEqualTo(SECRET);
                        });
        assertThatThrownBy(() -> get("/away"))
                .isInstanceOf(CollectorException.class)
                .hasMessage(
                        "The GitHub organization acme redirected GET /away to another host"
                                + " (elsewhere.example); Keyline does not follow it, so that the"
                                + " credential goes nowhere else: check the collector's URL"
                                + " setting.");
    }

    @Test
    void theNextPageIsTakenFromTheLinkHeaderWhereverItStands() throws Exception {
        server.route(
                "/paged",
                r ->
                        Answer.json("[]")
                                .with(
                                        "Link",
                                        "<https://api.github.com/orgs/acme/audit-log?before=X>;"
                                                + " rel=\"prev\", <https://api.github.com/orgs/acme/audit-log?after=Y&per_page=100>;"
                                                + " rel=\"next\""));
        server.route(
                "/last", r -> Answer.json("[]").with("Link", "<https://x/?a=1>; rel=\"prev\""));

        assertThat(get("/paged").nextLink())
                .isEqualTo(
                        URI.create(
                                "https://api.github.com/orgs/acme/audit-log?after=Y&per_page=100"));
        assertThat(get("/last").nextLink()).isNull();
    }

    @Test
    void aPostSendsItsJsonBodyOnEveryAttemptAndIsRefusedLikeAGet() throws Exception {
        failing("/v1/projects/acme-prod:getIamPolicy", 1, Answer.status(503, "{}"));
        server.route(
                "/v1/projects/acme-dev:getIamPolicy",
                r ->
                        Answer.status(
                                403,
                                "{\"error\":{\"code\":403,\"message\":\"The caller does not"
                                        + " have permission\",\"status\":\"PERMISSION_DENIED\"}}"));
        String body = "{\"options\":{\"requestedPolicyVersion\":3}}";

        HttpApi.Response r =
                api.post(
                        URI.create(server.url() + "/v1/projects/acme-prod:getIamPolicy"),
                        Map.of("Authorization", SECRET),
                        body,
                        "grant resourcemanager.projects.getIamPolicy");

        assertThat(r.status()).isEqualTo(200);
        assertThat(slept).containsExactly(Duration.ofSeconds(1));
        assertThat(server.requests("/v1/projects/acme-prod:getIamPolicy"))
                .hasSize(2)
                .allSatisfy(
                        q -> {
                            assertThat(q.method()).isEqualTo("POST");
                            assertThat(q.text()).isEqualTo(body);
                            assertThat(q.header("Content-Type")).isEqualTo("application/json");
                            assertThat(q.header("Authorization")).isEqualTo(SECRET);
                        });
        assertThatThrownBy(
                        () ->
                                api.post(
                                        URI.create(
                                                server.url()
                                                        + "/v1/projects/acme-dev:getIamPolicy"),
                                        Map.of("Authorization", SECRET),
                                        body,
                                        "grant resourcemanager.projects.getIamPolicy"))
                .isInstanceOfSatisfying(
                        HttpApi.Refusal.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessage(
                        "The GitHub organization acme refused POST"
                                + " /v1/projects/acme-dev:getIamPolicy (HTTP 403 (\"The caller does"
                                + " not have permission\")): grant"
                                + " resourcemanager.projects.getIamPolicy.");
    }
}
