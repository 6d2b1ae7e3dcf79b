package io.keyline.okta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.keyline.format.Json;
import io.keyline.source.poll.FakeApi;
import io.keyline.source.poll.FakeApi.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Okta org's management API on loopback, answering with the fixtures' records: the System Log in
 * pages of {@code pageSize} events with {@code after} cursors in {@code Link} headers (one page
 * answered once with a 429 and {@code Retry-After: 1}), the API tokens, and the users in pages of
 * two, the deprovisioned ones only to a search for them. Every request must carry the token.
 */
public final class FakeOkta implements AutoCloseable {

    /** The API token the org accepts; it must never be written anywhere. */
    public static final String TOKEN = "00Abc-test-token-do-not-log-9f2e";

    private final FakeApi api;
    private final ArrayNode log;
    private final JsonNode users;
    private final int pageSize;
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile int rateLimitAt = -1;

    public FakeOkta(int pageSize) throws IOException {
        this.pageSize = pageSize;
        this.log = (ArrayNode) read("/fixtures/okta/system-log-admin-api.json");
        this.users = read("/fixtures/okta/users.json");
        byte[] tokens = bytes("/fixtures/okta/api-tokens.json");
        api = new FakeApi();
        api.route("/api/v1/logs", this::logPage);
        api.route("/api/v1/api-tokens", r -> authorized(r, Answer.json(tokens)));
        api.route("/api/v1/users", this::usersPage);
    }

    public FakeApi api() {
        return api;
    }

    /** Answers the log page that starts at event {@code after} once with a rate limit. */
    public FakeOkta rateLimitOnceAt(int after) {
        rateLimitAt = after;
        return this;
    }

    /** The uuids of the log's events, in order. */
    public List<String> logUuids() {
        List<String> out = new ArrayList<>();
        log.forEach(e -> out.add(e.get("uuid").asText()));
        return out;
    }

    /** The value of a request's query parameter, or -1. */
    public static int intParam(String query, String name) {
        if (query != null) {
            for (String p : query.split("&")) {
                if (p.startsWith(name + "=")) {
                    return Integer.parseInt(p.substring(name.length() + 1));
                }
            }
        }
        return -1;
    }

    private Answer authorized(FakeApi.Request r, Answer answer) {
        if (!("SSWS " + TOKEN).equals(r.header("Authorization"))) {
            return Answer.status(401, "{\"errorSummary\":\"Invalid token provided\"}");
        }
        return answer;
    }

    private Answer logPage(FakeApi.Request r) {
        int from = Math.max(0, intParam(r.query(), "after"));
        if (from == rateLimitAt && rateLimited.getAndIncrement() == 0) {
            return Answer.status(429, "{\"errorSummary\":\"API call exceeded rate limit\"}")
                    .with("Retry-After", "1");
        }
        ArrayNode page = Json.MAPPER.createArrayNode();
        for (int i = from; i < Math.min(from + pageSize, log.size()); i++) {
            page.add(log.get(i));
        }
        int next = Math.min(from + pageSize, log.size());
        return authorized(
                r,
                Answer.json(page.toString())
                        .with(
                                "Link",
                                "<"
                                        + api.url()
                                        + "/api/v1/logs?sortOrder=ASCENDING&limit="
                                        + pageSize
                                        + "&after="
                                        + next
                                        + ">; rel=\"next\""));
    }

    private Answer usersPage(FakeApi.Request r) {
        boolean deprovisioned = r.query() != null && r.query().contains("DEPROVISIONED");
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode u : users) {
            if ("DEPROVISIONED".equals(u.path("status").asText()) == deprovisioned) {
                matching.add(u);
            }
        }
        int from = Math.max(0, intParam(r.query(), "after"));
        ArrayNode part = Json.MAPPER.createArrayNode();
        for (int i = from; i < Math.min(from + 2, matching.size()); i++) {
            part.add(matching.get(i));
        }
        Answer a = Answer.json(part.toString());
        if (!deprovisioned && from + 2 < matching.size()) {
            a =
                    a.with(
                            "Link",
                            "<"
                                    + api.url()
                                    + "/api/v1/users?limit=2&after="
                                    + (from + 2)
                                    + ">; rel=\"next\"");
        }
        return authorized(r, a);
    }

    private static JsonNode read(String resource) throws IOException {
        try {
            return Json.read(bytes(resource));
        } catch (io.keyline.format.MalformedRecordException e) {
            throw new IOException(resource + " is not JSON", e);
        }
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = FakeOkta.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
