package io.keyline.azure;

import com.azure.core.http.HttpClient;
import io.keyline.source.poll.CollectorSettings;
import io.keyline.source.poll.Credential;
import io.keyline.source.poll.Document;
import io.keyline.source.poll.Feed;
import io.keyline.source.poll.Feeds;
import io.keyline.source.poll.ListingFeed;
import io.keyline.source.poll.PollSplit;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Collects a tenant's workload identities from Microsoft Graph: {@code GET /v1.0/applications} and
 * {@code GET /v1.0/servicePrincipals}, each with its owners ({@code $expand=owners}), page by page
 * through {@code @odata.nextLink}, taken again every listing interval, as documents of the {@code
 * azure-graph} format whose folder is the tenant id. Graph never returns the values of secrets in
 * these listings, only their key ids, hints and dates.
 *
 * <p>Settings ({@code collect.azure-graph.*}): {@code tenant} (the tenant id), {@code client-id}
 * and {@code client-secret-env} or {@code client-secret-file} (an app registration with the
 * application permission Application.Read.All), else the default Azure credential chain; {@code
 * url} (default {@code https://graph.microsoft.com}), {@code authority} (default {@code
 * https://login.microsoftonline.com}), {@code page-size} (default 100), {@code listing-interval}
 * (seconds, default 3600).
 */
@PublicEvolving
public final class GraphCollector implements Feeds {

    private static final long serialVersionUID = 1L;

    /** The name of the collector, for its settings ({@code collect.azure-graph.*}). */
    public static final String NAME = "azure-graph";

    /** The settings this collector takes, after {@code collect.azure-graph.}. */
    public static final Set<String> SETTINGS =
            Set.of(
                    "tenant",
                    "client-id",
                    "client-secret-env",
                    "client-secret-file",
                    "url",
                    "authority",
                    "page-size",
                    "listing-interval",
                    "interval");

    /** What grants the listings, least privilege first. */
    static final String FIX =
            "grant the collector's app the Microsoft Graph application permission"
                    + " Application.Read.All, with admin consent";

    private static final Pattern GUID =
            Pattern.compile("^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$");

    /** The HTTP client of token requests; tests give one that trusts their own authority. */
    @FunctionalInterface
    interface TokenHttp extends Supplier<HttpClient>, Serializable {}

    private final String tenant;
    private final URI url;
    private final String authority;
    private final String clientId;
    private final Credential secret;
    private final int pageSize;
    private final Duration listingInterval;
    private final Clock clock;
    private final TokenHttp tokenHttp;

    GraphCollector(
            String tenant,
            URI url,
            String authority,
            String clientId,
            Credential secret,
            int pageSize,
            Duration listingInterval,
            Clock clock,
            TokenHttp tokenHttp) {
        this.tenant = tenant;
        this.url = url;
        this.authority = authority;
        this.clientId = clientId;
        this.secret = secret;
        this.pageSize = pageSize;
        this.listingInterval = listingInterval;
        this.clock = clock;
        this.tokenHttp = tokenHttp;
    }

    /** The collector the settings describe; a wrong setting is an IllegalArgumentException. */
    public static GraphCollector of(CollectorSettings s, Clock clock) {
        return of(s, clock, null);
    }

    static GraphCollector of(CollectorSettings s, Clock clock, TokenHttp tokenHttp) {
        s.checkKnown(SETTINGS);
        String tenant = s.required("tenant", "3f1c2a9e-5b7d-4c1e-9a0b-6d2e8f4a1c37");
        if (!GUID.matcher(tenant).matches()) {
            throw new IllegalArgumentException(
                    s.key("tenant")
                            + " is the tenant's id, a GUID such as"
                            + " 3f1c2a9e-5b7d-4c1e-9a0b-6d2e8f4a1c37, not '"
                            + tenant
                            + "': the ids of its service principals join sign-ins and audit logs"
                            + " by it.");
        }
        URI url =
                s.optional("url", null) == null
                        ? URI.create("https://graph.microsoft.com")
                        : s.url("url", "https://graph.microsoft.com");
        if (url.getRawPath() != null && !url.getRawPath().isEmpty()) {
            throw new IllegalArgumentException(
                    s.key("url")
                            + " is Graph's address without a path, such as"
                            + " https://graph.microsoft.com, not '"
                            + url
                            + "'; the collector adds /v1.0/... itself.");
        }
        String authority =
                s.optional("authority", null) == null
                        ? "https://login.microsoftonline.com"
                        : s.url("authority", "https://login.microsoftonline.com").toString();
        Credential secret = null;
        String clientId = s.optional("client-id", null);
        if (s.optional("client-secret-env", null) != null
                || s.optional("client-secret-file", null) != null) {
            if (clientId == null) {
                throw new IllegalArgumentException(
                        "A client secret is named, but not the app it belongs to: set "
                                + s.key("client-id")
                                + " to the app's application (client) id.");
            }
            secret =
                    s.credential(
                            "client-secret",
                            "The client secret of the app " + clientId,
                            s.optional("client-secret-env", null));
        } else if (clientId != null) {
            throw new IllegalArgumentException(
                    s.key("client-id")
                            + " is set without a secret: name its file with "
                            + s.key("client-secret-file")
                            + " or its variable with "
                            + s.key("client-secret-env")
                            + ", or leave both out to use the default Azure credential chain.");
        }
        int pageSize = s.integer("page-size", 100, 1, 999);
        Duration listing = s.seconds("listing-interval", Duration.ofHours(1));
        return new GraphCollector(
                tenant, url, authority, clientId, secret, pageSize, listing, clock, tokenHttp);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PollSplit> splits() {
        return List.of(new PollSplit(NAME + "/" + tenant, GraphObjectsParser.SOURCE, null));
    }

    @Override
    public Feed open(PollSplit split) throws IOException {
        GraphTokens tokens =
                GraphTokens.of(
                        tenant,
                        authority,
                        url.toString(),
                        clientId,
                        secret == null ? null : secret.read(),
                        "collect." + NAME + ".client-secret-file",
                        tokenHttp == null ? null : tokenHttp.get());
        GraphApi api = new GraphApi(url, tenant, tokens, FIX);
        return new ListingFeed(
                List.of(page("/v1.0/applications"), page("/v1.0/servicePrincipals")),
                listingInterval,
                clock,
                (page, observedAt) -> {
                    GraphApi.Page p = api.get(page);
                    String origin =
                            Document.origin(GraphObjectsParser.SOURCE, tenant, page.getRawPath());
                    return new ListingFeed.Page(
                            List.of(
                                    new Document(
                                            GraphObjectsParser.SOURCE,
                                            origin,
                                            observedAt,
                                            p.body())),
                            p.next());
                });
    }

    private URI page(String path) {
        return URI.create(url + path + "?$top=" + pageSize + "&$expand=owners");
    }
}
