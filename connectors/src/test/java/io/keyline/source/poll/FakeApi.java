package io.keyline.source.poll;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A vendor's REST API on loopback, for the collectors' tests: each route answers what its handler
 * returns (a real HTTP answer, with status, headers and body), and every request is recorded with
 * its headers, so a test can check what a collector asked and what it sent.
 */
public final class FakeApi implements AutoCloseable {

    /** One request as the server saw it, with its body (empty for a GET). */
    public record Request(
            String method, String path, String query, Map<String, String> headers, byte[] body) {

        /** The path and query, as a collector would have written them. */
        public String target() {
            return query == null ? path : path + "?" + query;
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One answer. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {

        public static Answer json(String body) {
            return new Answer(
                    200,
                    Map.of("Content-Type", "application/json"),
                    body.getBytes(StandardCharsets.UTF_8));
        }

        public static Answer json(byte[] body) {
            return new Answer(200, Map.of("Content-Type", "application/json"), body);
        }

        public static Answer status(int status, String body) {
            return new Answer(
                    status,
                    Map.of("Content-Type", "application/json"),
                    body.getBytes(StandardCharsets.UTF_8));
        }

        public Answer with(String header, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(header, value);
            return new Answer(status, h, body);
        }
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Answer>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    public FakeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers requests to {@code path} (the path only, without the query). */
    public FakeApi route(String path, Function<Request, Answer> handler) {
        routes.put(path, handler);
        return this;
    }

    /** The server's base URL, {@code http://127.0.0.1:<port>}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    /** The requests to one path, in order. */
    public List<Request> requests(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach(
                        (k, v) ->
                                headers.put(
                                        k.toLowerCase(java.util.Locale.ROOT),
                                        v.isEmpty() ? "" : v.get(0)));
        URI uri = exchange.getRequestURI();
        byte[] sent;
        try (java.io.InputStream in = exchange.getRequestBody()) {
            sent = in.readAllBytes();
        }
        Request request =
                new Request(
                        exchange.getRequestMethod(),
                        uri.getPath(),
                        uri.getRawQuery(),
                        headers,
                        sent);
        requests.add(request);
        Function<Request, Answer> handler = routes.get(uri.getPath());
        Answer answer =
                handler == null
                        ? Answer.status(404, "{\"message\":\"Not Found\"}")
                        : handler.apply(request);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] body = answer.body() == null ? new byte[0] : answer.body();
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
