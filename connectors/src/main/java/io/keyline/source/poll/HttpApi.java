package io.keyline.source.poll;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.apache.flink.annotation.PublicEvolving;

/**
 * GET (and POST) requests to a vendor's REST API, with what every such API needs: retries with
 * backoff on broken connections, HTTP 5xx and rate limits (HTTP 429, or 403 with no requests left
 * or with {@code Retry-After}), waiting as long as the answer asks ({@code Retry-After}, Okta's
 * {@code X-Rate-Limit-Reset}, GitHub's {@code x-ratelimit-reset}); refusals (401, 403, 404, other
 * 4xx) as a {@link CollectorException} whose sentence names what was refused and what fixes it;
 * redirects followed only on the same host, so that a credential goes nowhere else; and the {@code
 * Link} header's next page. Request headers (tokens among them) appear in no message.
 */
@PublicEvolving
public final class HttpApi {

    /** Attempts of one request before it fails with an {@link IOException}. */
    static final int ATTEMPTS = 6;

    /** The longest wait a rate limit may ask for; longer ones are cut to this. */
    static final Duration MAX_WAIT = Duration.ofMinutes(15);

    /** Redirects on the same host followed for one request. */
    static final int MAX_REDIRECTS = 5;

    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Pattern MESSAGE =
            Pattern.compile(
                    "\"(?:errorSummary|message|error_description|error)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){1,300})\"");
    private static final Pattern NEXT_LINK =
            Pattern.compile("<([^>]*)>\\s*;[^,]*?rel=\"?next\"?", Pattern.CASE_INSENSITIVE);

    /** Waits; tests give one that does not. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * A refusal (HTTP 401, 403, 404 or another 4xx), with its status for callers that expect one.
     */
    public static final class Refusal extends CollectorException {

        private static final long serialVersionUID = 1L;

        private final int status;

        Refusal(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The HTTP status of the answer. */
        public int status() {
            return status;
        }
    }

    /** One answer. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {

        /** The first value of a header, whatever its case; null when missing. */
        public String header(String name) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey() != null && h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue().isEmpty() ? null : h.getValue().get(0);
                }
            }
            return null;
        }

        /** The {@code rel="next"} target of the {@code Link} header, or null. */
        public URI nextLink() {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey() == null || !h.getKey().equalsIgnoreCase("link")) {
                    continue;
                }
                for (String value : h.getValue()) {
                    Matcher m = NEXT_LINK.matcher(value);
                    if (m.find()) {
                        return URI.create(m.group(1).trim());
                    }
                }
            }
            return null;
        }
    }

    private final String system;
    private final HttpClient client;
    private final Duration timeout;
    private final Sleeper sleeper;
    private final Clock clock;

    /**
     * @param system the API's name and where it is, for messages ({@code the Okta org
     *     acme.okta.com})
     */
    public HttpApi(String system, Duration timeout) {
        this(system, timeout, d -> Thread.sleep(d.toMillis()), Clock.systemUTC());
    }

    public HttpApi(String system, Duration timeout, Sleeper sleeper, Clock clock) {
        this(system, timeout, sleeper, clock, null);
    }

    /**
     * @param tls what decides which servers' certificates to trust (a cluster's own CA), or null
     *     for the JDK's trusted authorities
     */
    public HttpApi(String system, Duration timeout, Sleeper sleeper, Clock clock, SSLContext tls) {
        this.system = system;
        this.timeout = timeout;
        this.sleeper = sleeper;
        this.clock = clock;
        HttpClient.Builder builder =
                HttpClient.newBuilder()
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
    }

    /**
     * GETs {@code uri}: the 2xx answer, after retries.
     *
     * @param headers request headers (authorization, accept)
     * @param fix what to grant or set when the API refuses, as the end of a sentence ({@code the
     *     API token needs the okta.logs.read scope})
     * @throws CollectorException when the API refuses
     * @throws IOException when it still fails after the retries
     */
    public Response get(URI uri, Map<String, String> headers, String fix)
            throws IOException, InterruptedException {
        return send("GET", uri, headers, null, fix, Set.of());
    }

    /**
     * GETs {@code uri} as {@link #get(URI, Map, String)} does, but returns an answer whose status
     * is in {@code answered} instead of refusing it: for a status the caller handles itself (HTTP
     * 410 for a Kubernetes listing's expired {@code continue} token).
     */
    public Response get(URI uri, Map<String, String> headers, String fix, Set<Integer> answered)
            throws IOException, InterruptedException {
        return send("GET", uri, headers, null, fix, answered);
    }

    /**
     * POSTs a JSON body to {@code uri}, for the read calls that some APIs spell as a POST (Google's
     * {@code getIamPolicy}); the same retries and refusals as {@link #get}. Only reads may go
     * through here: a POST is retried like a GET.
     *
     * @param json the request's body, sent as {@code application/json}
     */
    public Response post(URI uri, Map<String, String> headers, String json, String fix)
            throws IOException, InterruptedException {
        return send("POST", uri, headers, json, fix, Set.of());
    }

    private Response send(
            String method,
            URI uri,
            Map<String, String> headers,
            String json,
            String fix,
            Set<Integer> answered)
            throws IOException, InterruptedException {
        String failure = null;
        URI target = uri;
        int redirects = 0;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Duration wait = backoff(attempt);
            try {
                HttpResponse<byte[]> answer =
                        client.send(
                                request(method, target, headers, json),
                                HttpResponse.BodyHandlers.ofByteArray());
                Response r =
                        new Response(answer.statusCode(), answer.headers().map(), answer.body());
                int status = r.status();
                if (status >= 200 && status < 300 || answered.contains(status)) {
                    return r;
                }
                URI moved = redirect(method, target, r);
                if (moved != null && redirects++ < MAX_REDIRECTS) {
                    target = moved;
                    attempt--;
                    continue;
                }
                Duration limited = rateLimitWait(r);
                if (limited != null) {
                    wait = limited;
                    failure = "it kept answering HTTP " + status + " (rate limited)";
                } else if (status >= 500 || status == 408) {
                    failure = "it kept answering HTTP " + status;
                } else {
                    throw refusal(method, target, r, fix);
                }
            } catch (CollectorException e) {
                throw e;
            } catch (IOException e) {
                failure = "the connection failed (" + e.getClass().getSimpleName() + ")";
            }
            if (attempt < ATTEMPTS) {
                sleeper.sleep(wait);
            }
        }
        throw new IOException(
                method
                        + " "
                        + uri.getPath()
                        + " of "
                        + system
                        + " failed "
                        + ATTEMPTS
                        + " times: "
                        + failure);
    }

    private HttpRequest request(String method, URI uri, Map<String, String> headers, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
        if (json == null) {
            builder.GET();
        } else {
            builder.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        headers.forEach(builder::header);
        return builder.build();
    }

    /**
     * Where a redirect of a GET leads, when it stays on the same scheme, host and port; null for an
     * answer that is not a redirect. A redirect elsewhere is refused, since the request's
     * credential would go with it.
     */
    private URI redirect(String method, URI from, Response r) throws CollectorException {
        int status = r.status();
        String location = r.header("Location");
        if (status < 300 || status > 308 || status == 304 || location == null) {
            return null;
        }
        URI to = from.resolve(location.trim());
        boolean sameOrigin =
                from.getScheme().equalsIgnoreCase(String.valueOf(to.getScheme()))
                        && from.getHost().equalsIgnoreCase(String.valueOf(to.getHost()))
                        && from.getPort() == to.getPort();
        if (!sameOrigin || !method.equals("GET")) {
            throw new CollectorException(
                    system
                            + " redirected "
                            + method
                            + " "
                            + from.getPath()
                            + " to "
                            + (sameOrigin ? to.getPath() : "another host (" + to.getHost() + ")")
                            + "; Keyline does not follow it, so that the credential goes nowhere"
                            + " else: check the collector's URL setting.");
        }
        return to;
    }

    /** 1 s, 2 s, 4 s...: the wait after a failed attempt. */
    static Duration backoff(int attempt) {
        return FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 10));
    }

    /**
     * How long a rate-limited answer asks to wait, or null when it is not one: 429, or 403 with no
     * requests left (GitHub's primary limit), 403 with {@code Retry-After} (GitHub's secondary
     * limit), or any 5xx answer with {@code Retry-After}.
     */
    Duration rateLimitWait(Response r) {
        boolean exhausted = "0".equals(r.header("x-ratelimit-remaining"));
        boolean asked = r.header("Retry-After") != null;
        if (r.status() != 429 && !(r.status() == 403 && (exhausted || asked)) && r.status() < 500) {
            return null;
        }
        Duration wait = retryAfter(r.header("Retry-After"));
        if (wait == null && (r.status() == 429 || exhausted)) {
            wait = untilEpochSeconds(r.header("X-Rate-Limit-Reset"));
            if (wait == null) {
                wait = untilEpochSeconds(r.header("x-ratelimit-reset"));
            }
        }
        if (wait == null) {
            return r.status() == 429 || exhausted ? Duration.ofSeconds(60) : null;
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    private Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit) && v.length() < 10) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            return Duration.between(clock.instant(), at.toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private Duration untilEpochSeconds(String value) {
        if (value == null || !value.trim().matches("\\d{1,12}")) {
            return null;
        }
        long at = Long.parseLong(value.trim()) * 1000;
        return Duration.ofMillis(at - clock.millis()).plusSeconds(1);
    }

    private Refusal refusal(String method, URI uri, Response r, String fix) {
        String what = method + " " + uri.getPath();
        String said = summary(r.body());
        String because = said == null ? "" : " (\"" + said + "\")";
        if (r.status() == 401) {
            return new Refusal(
                    401,
                    system
                            + " did not accept the credential for "
                            + what
                            + " (HTTP 401"
                            + because
                            + "): check that it is valid and not expired; "
                            + fix
                            + ".");
        }
        if (r.status() == 403) {
            return new Refusal(
                    403, system + " refused " + what + " (HTTP 403" + because + "): " + fix + ".");
        }
        if (r.status() == 404) {
            return new Refusal(
                    404,
                    system
                            + " has no "
                            + uri.getPath()
                            + " (HTTP 404"
                            + because
                            + "): check the collector's settings, or "
                            + fix
                            + ".");
        }
        return new Refusal(
                r.status(),
                system + " rejected " + what + " with HTTP " + r.status() + because + ".");
    }

    /** A short, printable piece of an error answer: its message, or its first 200 characters. */
    static String summary(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String text = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8);
        Matcher m = MESSAGE.matcher(text);
        // A message may hold escaped quotes (Kubernetes names the user and resource in them).
        String said = m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : text;
        said = said.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (said.isEmpty()) {
            return null;
        }
        return said.length() > 200 ? said.substring(0, 200) + "..." : said;
    }

    @Override
    public String toString() {
        return "HttpApi[" + system.toLowerCase(Locale.ROOT) + "]";
    }
}
