package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auth.oauth2.GoogleCredentials;
import io.keyline.format.Json;
import io.keyline.source.poll.HttpApi;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.annotation.Internal;

/**
 * Google's REST APIs for one project, called with a bearer token that Google's auth library mints
 * and refreshes from the collector's credentials; the token goes only to the APIs' own URLs and
 * appears in no message.
 */
@Internal
final class GcpRestApi {

    private final HttpApi http;
    private final GoogleCredentials credentials;
    private final String who;

    /**
     * @param system the project, for messages ({@code The Google Cloud project acme-prod})
     * @param who the credentials, for messages
     * @param sleeper how retries wait, or null for the real wait
     */
    GcpRestApi(String system, GoogleCredentials credentials, String who, HttpApi.Sleeper sleeper) {
        this.http =
                sleeper == null
                        ? new HttpApi(system, Duration.ofSeconds(60))
                        : new HttpApi(system, Duration.ofSeconds(60), sleeper, Clock.systemUTC());
        this.credentials = credentials;
        this.who = who;
    }

    HttpApi.Response get(URI uri, String fix) throws IOException, InterruptedException {
        return http.get(uri, headers(uri), fix);
    }

    HttpApi.Response post(URI uri, String json, String fix)
            throws IOException, InterruptedException {
        return http.post(uri, headers(uri), json, fix);
    }

    private Map<String, String> headers(URI uri) throws IOException {
        Map<String, String> headers =
                new LinkedHashMap<>(GcpCredentials.headers(credentials, uri, who));
        headers.put("Accept", "application/json");
        return headers;
    }

    /** The JSON object of an answer. */
    static JsonNode object(HttpApi.Response r, URI uri) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new IOException(
                    "Google answered "
                            + uri.getPath()
                            + " with something other than a JSON object");
        }
        return root;
    }
}
