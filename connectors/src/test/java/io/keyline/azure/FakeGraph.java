package io.keyline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.Json;
import io.keyline.source.ParserHarness;
import io.keyline.source.poll.FakeApi;
import io.keyline.source.poll.FakeApi.Answer;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Microsoft Graph's applications and servicePrincipals listings on loopback, answering with the
 * fixtures' objects in pages of {@code $top}, the next page in the body's {@code @odata.nextLink}
 * as Graph does (a {@code $skiptoken}, no {@code Link} header); one page can be answered once with
 * Graph's throttling (429 and {@code Retry-After}), a listing refused with its 403. Every request
 * must carry the bearer token.
 */
final class FakeGraph implements AutoCloseable {

    static final String APPLICATIONS = "/v1.0/applications";
    static final String SERVICE_PRINCIPALS = "/v1.0/servicePrincipals";

    private final FakeApi api;
    private final String token;
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile String throttlePath;
    private volatile int throttleAt = -1;

    FakeGraph(String token) throws IOException {
        this.token = token;
        api = new FakeApi();
        api.route(APPLICATIONS, r -> page(r, APPLICATIONS, "graph-applications-list.json"));
        api.route(
                SERVICE_PRINCIPALS,
                r -> page(r, SERVICE_PRINCIPALS, "graph-servicePrincipals-list.json"));
    }

    FakeApi api() {
        return api;
    }

    /** Answers the page of {@code path} that starts at object {@code at} once with a 429. */
    FakeGraph throttleOnceAt(String path, int at) {
        throttlePath = path;
        throttleAt = at;
        return this;
    }

    /** Refuses a listing as Graph does when the app lacks the permission. */
    FakeGraph refuse(String path) {
        api.route(
                path,
                r ->
                        Answer.status(
                                403,
                                "{\"error\":{\"code\":\"Authorization_RequestDenied\","
                                        + "\"message\":\"Insufficient privileges to complete the"
                                        + " operation.\",\"innerError\":{\"date\":"
                                        + "\"2026-11-02T00:00:00\",\"request-id\":"
                                        + "\"5b2c1d0e-0000-4000-8000-000000000001\"}}}"));
        return this;
    }

    private Answer page(FakeApi.Request r, String path, String fixture) {
        if (!("Bearer " + token).equals(r.header("Authorization"))) {
            return Answer.status(
                    401,
                    "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access"
                            + " token is empty.\"}}");
        }
        int top = param(r.query(), "$top", 100);
        int from = param(r.query(), "$skiptoken", 0);
        if (path.equals(throttlePath) && from == throttleAt && throttled.getAndIncrement() == 0) {
            return Answer.status(
                            429,
                            "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many"
                                    + " requests.\"}}")
                    .with("Retry-After", "1");
        }
        JsonNode all = read(fixture).get("value");
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put(
                "@odata.context",
                "https://graph.microsoft.com/v1.0/$metadata#" + path.substring(6));
        ArrayNode value = body.putArray("value");
        for (int i = from; i < Math.min(from + top, all.size()); i++) {
            value.add(all.get(i));
        }
        if (from + top < all.size()) {
            body.put(
                    "@odata.nextLink",
                    api.url()
                            + path
                            + "?$top="
                            + top
                            + "&$expand=owners&$skiptoken="
                            + (from + top));
        }
        return Answer.json(body.toString());
    }

    static int param(String query, String name, int fallback) {
        if (query != null) {
            for (String p : query.split("&")) {
                if (p.startsWith(name + "=")) {
                    return Integer.parseInt(p.substring(name.length() + 1));
                }
            }
        }
        return fallback;
    }

    private static JsonNode read(String fixture) {
        try {
            return Json.read(ParserHarness.resource("/fixtures/azure/" + fixture));
        } catch (io.keyline.format.MalformedRecordException e) {
            throw new IllegalStateException(fixture + " is not JSON", e);
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
