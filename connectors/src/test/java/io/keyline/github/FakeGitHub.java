package io.keyline.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.source.poll.FakeApi;
import io.keyline.source.poll.FakeApi.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A GitHub organization's REST API on loopback, answering with the fixtures' records as GitHub
 * does: the audit log in ascending order, filtered by the {@code created:>=} of its {@code phrase},
 * in pages of {@code per_page} with an opaque {@code after} cursor in the {@code Link} header (one
 * page answered once with a 429 and {@code Retry-After: 1}); the fine-grained tokens; the
 * repositories in pages of two, one without deploy keys and one gone (404) when its keys are asked
 * for; and the installations, answered once with GitHub's 403 of an exhausted rate limit. Every
 * request must carry the token, GitHub's media type and the API version.
 */
public final class FakeGitHub implements AutoCloseable {

    /** The token the API accepts; it must never be written anywhere. */
    public static final String TOKEN = "ghs_KeylineFakeInstallationTokenDoNotLog01";

    /** The organization it serves. */
    public static final String ORG = "acme-platform";

    private final FakeApi api;
    private final String prefix;
    private final List<JsonNode> log = new ArrayList<>();
    private final AtomicInteger auditLimited = new AtomicInteger();
    private final AtomicInteger installationsLimited = new AtomicInteger();
    private volatile int rateLimitAt = -1;

    /**
     * @param prefix the API's path below the host: empty as on github.com, {@code /api/v3} as on a
     *     GitHub Enterprise Server
     */
    public FakeGitHub(String prefix) throws IOException {
        this.prefix = prefix;
        for (JsonNode e : read("/fixtures/github/audit-rest-page.json")) {
            log.add(e);
        }
        for (String line :
                new String(
                                bytes("/fixtures/github/audit-streamed-token-events.jsonl"),
                                StandardCharsets.UTF_8)
                        .split("\n")) {
            if (!line.isBlank()) {
                log.add(read(line.getBytes(StandardCharsets.UTF_8)));
            }
        }
        log.sort(Comparator.comparingLong(e -> e.get("@timestamp").asLong()));
        byte[] tokens = bytes("/fixtures/github/go-github-org-fine-grained-pats-list.json");
        byte[] requests = bytes("/fixtures/github/list-pat-requests.json");
        byte[] keys = bytes("/fixtures/github/list-deploy-keys.json");
        byte[] installations = bytes("/fixtures/github/list-app-installations.json");
        api = new FakeApi();
        String org = prefix + "/orgs/" + ORG;
        api.route(org + "/audit-log", this::auditPage);
        api.route(org + "/personal-access-tokens", r -> authorized(r, Answer.json(tokens)));
        api.route(
                org + "/personal-access-token-requests", r -> authorized(r, Answer.json(requests)));
        api.route(org + "/repos", this::reposPage);
        api.route(
                prefix + "/repos/" + ORG + "/payments/keys", r -> authorized(r, Answer.json(keys)));
        api.route(prefix + "/repos/" + ORG + "/docs/keys", r -> authorized(r, Answer.json("[]")));
        api.route(org + "/installations", r -> installations(r, installations));
    }

    public FakeApi api() {
        return api;
    }

    /** The base URL the collector's {@code api-url} names. */
    public String apiUrl() {
        return api.url() + prefix;
    }

    /** Answers the audit log page that starts at event {@code index} once with a 429. */
    public FakeGitHub rateLimitOnceAt(int index) {
        rateLimitAt = index;
        return this;
    }

    /** Adds an event at the end of the audit log. */
    public synchronized void append(JsonNode event) {
        log.add(event);
    }

    /** The audit log's events, in order. */
    public synchronized List<JsonNode> log() {
        return List.copyOf(log);
    }

    /** The query parameters of a request, decoded. */
    public static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query != null) {
            for (String p : query.split("&")) {
                int eq = p.indexOf('=');
                out.put(
                        p.substring(0, eq),
                        URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The index of the first event of a page, from the cursor GitHub would have made. */
    public static int cursorIndex(String after) {
        return after == null
                ? 0
                : Integer.parseInt(
                        new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8)
                                .substring("cursor:".length()));
    }

    private Answer authorized(FakeApi.Request r, Answer answer) {
        if (!("Bearer " + TOKEN).equals(r.header("Authorization"))
                || !"application/vnd.github+json".equals(r.header("Accept"))
                || !"2022-11-28".equals(r.header("X-GitHub-Api-Version"))) {
            return Answer.status(401, "{\"message\":\"Bad credentials\"}");
        }
        return answer;
    }

    private synchronized Answer auditPage(FakeApi.Request r) {
        Map<String, String> q = params(r.query());
        String phrase = q.getOrDefault("phrase", "");
        long from =
                phrase.startsWith("created:>=")
                        ? OffsetDateTime.parse(phrase.substring("created:>=".length()))
                                        .toEpochSecond()
                                * 1000
                        : 0;
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode e : log) {
            if (e.get("@timestamp").asLong() >= from) {
                matching.add(e);
            }
        }
        int start = cursorIndex(q.get("after"));
        if (start == rateLimitAt && auditLimited.getAndIncrement() == 0) {
            return Answer.status(429, "{\"message\":\"You have exceeded a secondary rate limit\"}")
                    .with("Retry-After", "1");
        }
        int size = Integer.parseInt(q.getOrDefault("per_page", "30"));
        ArrayNode page = Json.MAPPER.createArrayNode();
        for (int i = start; i < Math.min(start + size, matching.size()); i++) {
            page.add(matching.get(i));
        }
        Answer a = Answer.json(page.toString());
        int next = start + size;
        if (next < matching.size()) {
            String cursor =
                    Base64.getUrlEncoder()
                            .encodeToString(("cursor:" + next).getBytes(StandardCharsets.UTF_8));
            a =
                    a.with(
                            "Link",
                            "<"
                                    + api.url()
                                    + r.path()
                                    + "?"
                                    + r.query().replaceAll("&after=[^&]*", "")
                                    + "&after="
                                    + cursor
                                    + ">; rel=\"next\"");
        }
        return authorized(r, a);
    }

    private Answer reposPage(FakeApi.Request r) {
        String[] names = {"payments", "docs", "gone"};
        int page = Integer.parseInt(params(r.query()).getOrDefault("page", "1"));
        ArrayNode repos = Json.MAPPER.createArrayNode();
        for (int i = (page - 1) * 2; i < Math.min(page * 2, names.length); i++) {
            repos.addObject()
                    .put("id", 880000 + i)
                    .put("name", names[i])
                    .put("full_name", ORG + "/" + names[i])
                    .put("private", true)
                    .putObject("owner")
                    .put("login", ORG);
        }
        Answer a = Answer.json(repos.toString());
        if (page * 2 < names.length) {
            a =
                    a.with(
                            "Link",
                            "<"
                                    + apiUrl()
                                    + "/orgs/"
                                    + ORG
                                    + "/repos?type=all&sort=created&direction=asc&per_page=2&page="
                                    + (page + 1)
                                    + ">; rel=\"next\", <"
                                    + apiUrl()
                                    + "/orgs/"
                                    + ORG
                                    + "/repos?page=2>; rel=\"last\"");
        }
        return authorized(r, a);
    }

    private Answer installations(FakeApi.Request r, byte[] body) {
        if (installationsLimited.getAndIncrement() == 0) {
            return Answer.status(403, "{\"message\":\"API rate limit exceeded for installation.\"}")
                    .with("x-ratelimit-remaining", "0")
                    .with(
                            "x-ratelimit-reset",
                            String.valueOf(System.currentTimeMillis() / 1000 + 1));
        }
        return authorized(r, Answer.json(body));
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = FakeGitHub.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String resource) throws IOException {
        return read(bytes(resource));
    }

    private static JsonNode read(byte[] bytes) throws IOException {
        try {
            return Json.read(bytes);
        } catch (MalformedRecordException e) {
            throw new IOException("a fixture is not JSON", e);
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
