package io.keyline.github;

import io.keyline.source.poll.CollectorException;
import io.keyline.source.poll.Credential;
import io.keyline.source.poll.HttpApi;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * GitHub's REST API for one organization, on github.com or a GitHub Enterprise Server. The token is
 * read before every request, so that a file a helper renews (a GitHub App's installation token
 * lasts an hour) is taken as it changes; {@code Link} pages are followed only on the API's own
 * host, so the token never goes elsewhere.
 */
final class GitHubApi {

    /** The REST API version the requests ask for, whose answers the parsers read. */
    static final String VERSION = "2022-11-28";

    /** A page: its body and the next page, or null. */
    record Page(byte[] body, URI next) {}

    private final URI base;
    private final String org;
    private final Credential token;
    private final HttpApi http;

    GitHubApi(URI base, String org, Credential token) {
        this.base = base;
        this.org = org;
        this.token = token;
        this.http = new HttpApi(system(org), Duration.ofSeconds(60));
    }

    /** How messages name the organization: {@code The GitHub organization acme}. */
    static String system(String org) {
        return "The GitHub organization " + org;
    }

    /** The URL of an API path below the base ({@code /orgs/acme/repos?per_page=100}). */
    URI url(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    /**
     * GETs a page.
     *
     * @param fix what to grant when GitHub refuses, as the end of a sentence
     */
    Page get(URI page, String fix) throws IOException, InterruptedException {
        return page(http.get(page, headers(), fix));
    }

    private Page page(HttpApi.Response r) throws CollectorException {
        URI next = r.nextLink();
        if (next != null && !sameHost(next)) {
            throw new CollectorException(
                    system(org)
                            + " sent a next page on another host ("
                            + next.getHost()
                            + ") than its API "
                            + base.getHost()
                            + "; the token is not sent there.");
        }
        return new Page(r.body(), next);
    }

    /** GETs a page as {@link #get} does; null when it is gone (HTTP 404). */
    Page getUnlessGone(URI page, String fix) throws IOException, InterruptedException {
        HttpApi.Response r = http.get(page, headers(), fix, Set.of(404));
        if (r.status() == 404) {
            return null;
        }
        return page(r);
    }

    private Map<String, String> headers() throws CollectorException {
        return Map.of(
                "Authorization",
                "Bearer " + token.read(),
                "Accept",
                "application/vnd.github+json",
                "X-GitHub-Api-Version",
                VERSION);
    }

    private boolean sameHost(URI uri) {
        return uri.getHost() != null
                && uri.getHost()
                        .toLowerCase(Locale.ROOT)
                        .equals(base.getHost().toLowerCase(Locale.ROOT))
                && uri.getPort() == base.getPort()
                && base.getScheme().equalsIgnoreCase(uri.getScheme());
    }
}
