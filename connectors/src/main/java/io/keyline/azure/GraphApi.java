package io.keyline.azure;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.keyline.format.Json;
import io.keyline.source.poll.CollectorException;
import io.keyline.source.poll.HttpApi;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Microsoft Graph for one tenant: GETs with a bearer token, through {@link HttpApi} (retries, 429
 * with {@code Retry-After}, refusals as sentences), and the next page of a listing from the body's
 * {@code @odata.nextLink}, followed only on Graph's own host so that the token goes nowhere else.
 */
final class GraphApi {

    /** A page: its body and the next page, or null. */
    record Page(byte[] body, URI next) {}

    private final URI graph;
    private final String tenant;
    private final GraphTokens tokens;
    private final HttpApi http;
    private final String fix;

    GraphApi(URI graph, String tenant, GraphTokens tokens, String fix) {
        this.graph = graph;
        this.tenant = tenant;
        this.tokens = tokens;
        this.fix = fix;
        this.http = new HttpApi("Microsoft Graph for the tenant " + tenant, Duration.ofSeconds(60));
    }

    Page get(URI page) throws IOException, InterruptedException {
        HttpApi.Response r =
                http.get(
                        page,
                        Map.of(
                                "Authorization",
                                "Bearer " + tokens.token(),
                                "Accept",
                                "application/json"),
                        fix);
        URI next = nextLink(r.body(), page);
        if (next != null && !sameHost(next)) {
            throw new CollectorException(
                    "Microsoft Graph for the tenant "
                            + tenant
                            + " sent a next page on another host ("
                            + next.getHost()
                            + "); the token is not sent there.");
        }
        return new Page(r.body(), next);
    }

    /** The {@code @odata.nextLink} of a listing's page, or null on its last page. */
    private URI nextLink(byte[] body, URI page) throws IOException {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new CollectorException(
                        "Microsoft Graph for the tenant "
                                + tenant
                                + " answered "
                                + page.getPath()
                                + " with something other than a JSON object.");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("@odata.nextLink".equals(name) && value == JsonToken.VALUE_STRING) {
                    return URI.create(parser.getText());
                }
                parser.skipChildren();
            }
            return null;
        } catch (IllegalArgumentException e) {
            throw new CollectorException(
                    "Microsoft Graph for the tenant "
                            + tenant
                            + " sent an @odata.nextLink that is not a URL.");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(
                    "Microsoft Graph for the tenant "
                            + tenant
                            + " sent a page of "
                            + page.getPath()
                            + " that is not whole JSON",
                    e);
        }
    }

    private boolean sameHost(URI uri) {
        return uri.getHost() != null
                && uri.getHost()
                        .toLowerCase(Locale.ROOT)
                        .equals(graph.getHost().toLowerCase(Locale.ROOT))
                && uri.getPort() == graph.getPort()
                && graph.getScheme().equalsIgnoreCase(uri.getScheme());
    }
}
