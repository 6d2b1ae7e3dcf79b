package io.keyline.okta;

import io.keyline.format.Timestamps;
import io.keyline.model.Federation;
import io.keyline.source.poll.CollectorSettings;
import io.keyline.source.poll.Credential;
import io.keyline.source.poll.Document;
import io.keyline.source.poll.Feed;
import io.keyline.source.poll.Feeds;
import io.keyline.source.poll.ListingFeed;
import io.keyline.source.poll.PollSplit;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Collects from an Okta org's API: the System Log, followed with its {@code after} cursor ({@code
 * okta-system-log}), and the listings of API tokens ({@code okta-api-tokens}) and users, the
 * deprovisioned ones included ({@code okta-users}), taken again every listing interval.
 *
 * <p>Settings ({@code collect.okta.*}): {@code url} (the org, {@code https://acme.okta.com}),
 * {@code token-env} or {@code token-file} (an API token of a read-only administrator; default
 * variable {@code OKTA_API_TOKEN}), {@code since} (where the System Log starts without a
 * checkpoint; default seven days ago), {@code listing-interval} (seconds; default 3600).
 */
@PublicEvolving
public final class OktaCollector implements Feeds {

    private static final long serialVersionUID = 1L;

    /** The settings this collector takes, after {@code collect.okta.}. */
    public static final Set<String> SETTINGS =
            Set.of(
                    "url",
                    "token-env",
                    "token-file",
                    "since",
                    "interval",
                    "listing-interval",
                    "page-size");

    static final String FIX =
            "give the token's administrator the Read-Only Administrator role (for OAuth: the"
                    + " okta.logs.read, okta.apiTokens.read and okta.users.read scopes)";

    private final URI url;
    private final String org;
    private final Credential token;
    private final long since;
    private final Duration listingInterval;
    private final int pageSize;
    private final Clock clock;

    OktaCollector(
            URI url,
            Credential token,
            long since,
            Duration listingInterval,
            int pageSize,
            Clock clock) {
        this.url = url;
        String host = url.getHost().toLowerCase(Locale.ROOT);
        String okta = Federation.oktaOrg(host);
        this.org = okta != null ? okta : host;
        this.token = token;
        this.since = since;
        this.listingInterval = listingInterval;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    /** The collector the settings describe; a wrong setting is an IllegalArgumentException. */
    public static OktaCollector of(CollectorSettings s, Clock clock) {
        s.checkKnown(SETTINGS);
        URI url = s.url("url", "https://acme.okta.com");
        Credential token = s.credential("token", "The Okta API token", "OKTA_API_TOKEN");
        long since = s.time("since", clock.millis() - Duration.ofDays(7).toMillis());
        Duration listing = s.seconds("listing-interval", Duration.ofHours(1));
        int pageSize = s.integer("page-size", 1000, 1, 1000);
        return new OktaCollector(url, token, since, listing, pageSize, clock);
    }

    @Override
    public String name() {
        return "okta";
    }

    @Override
    public List<PollSplit> splits() {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        return List.of(
                new PollSplit("okta-system-log/" + host, "okta-system-log", null),
                new PollSplit("okta-api-tokens/" + host, "okta-api-tokens", null),
                new PollSplit("okta-users/" + host, "okta-users", null));
    }

    @Override
    public Feed open(PollSplit split) throws IOException {
        OktaApi api = new OktaApi(url, token.read());
        switch (split.format()) {
            case "okta-system-log":
                return new OktaLogFeed(api, org, firstLogPage(), pageSize);
            case "okta-api-tokens":
                return listing(api, "okta-api-tokens", List.of(page("/api/v1/api-tokens")));
            case "okta-users":
                return listing(
                        api,
                        "okta-users",
                        List.of(
                                page("/api/v1/users"),
                                URI.create(
                                        page("/api/v1/users")
                                                + "&search=status%20eq%20%22DEPROVISIONED%22")));
            default:
                throw new IOException(
                        "The Okta collector has no stream of format " + split.format());
        }
    }

    private URI firstLogPage() {
        return URI.create(
                url
                        + "/api/v1/logs?since="
                        + Timestamps.iso(since)
                        + "&sortOrder=ASCENDING&limit="
                        + pageSize);
    }

    private URI page(String path) {
        return URI.create(url + path + "?limit=" + Math.min(pageSize, 200));
    }

    private ListingFeed listing(OktaApi api, String format, List<URI> endpoints) {
        return new ListingFeed(
                endpoints,
                listingInterval,
                clock,
                (page, observedAt) -> {
                    OktaApi.Page p = api.get(page);
                    String origin = Document.origin(format, org, page.getRawPath());
                    return new ListingFeed.Page(
                            List.of(new Document(format, origin, observedAt, p.body())), p.next());
                });
    }
}
