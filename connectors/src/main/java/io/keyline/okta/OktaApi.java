package io.keyline.okta;

import io.keyline.source.poll.CollectorException;
import io.keyline.source.poll.HttpApi;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The Okta management API of one org, with an API token ({@code SSWS}); follows {@code Link} pages
 * only on the org's own host, so the token never goes elsewhere.
 */
final class OktaApi {

    /** A page: its body and the next page, or null. */
    record Page(byte[] body, URI next) {}

    private final URI org;
    private final HttpApi http;
    private final Map<String, String> headers;

    OktaApi(URI org, String token) {
        this.org = org;
        this.http = new HttpApi("The Okta org " + org.getHost(), Duration.ofSeconds(60));
        this.headers = Map.of("Authorization", "SSWS " + token, "Accept", "application/json");
    }

    Page get(URI page) throws IOException, InterruptedException {
        HttpApi.Response r = http.get(page, headers, OktaCollector.FIX);
        URI next = r.nextLink();
        if (next != null && !sameOrg(next)) {
            throw new CollectorException(
                    "The Okta org "
                            + org.getHost()
                            + " sent a next page on another host ("
                            + next.getHost()
                            + "); the token is not sent there.");
        }
        return new Page(r.body(), next);
    }

    private boolean sameOrg(URI uri) {
        return uri.getHost() != null
                && uri.getHost()
                        .toLowerCase(Locale.ROOT)
                        .equals(org.getHost().toLowerCase(Locale.ROOT))
                && uri.getPort() == org.getPort();
    }
}
