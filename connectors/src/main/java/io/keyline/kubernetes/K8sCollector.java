package io.keyline.kubernetes;

import io.keyline.source.poll.CollectorSettings;
import io.keyline.source.poll.Credential;
import io.keyline.source.poll.Feed;
import io.keyline.source.poll.Feeds;
import io.keyline.source.poll.ListingFeed;
import io.keyline.source.poll.PollSplit;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Collects a Kubernetes cluster's service accounts, legacy token Secrets and RBAC from its API
 * server, as one {@code k8s-serviceaccounts} listing taken again every listing interval ({@link
 * K8sListing}). By default only the metadata of the token Secrets is read, so no Secret value
 * leaves the cluster; {@code secret-values} also reads the other Secrets whole, for the parser to
 * find the credentials stored in them.
 *
 * <p>Settings ({@code collect.k8s.*}): {@code cluster} (the name Keyline's ids give it, {@code
 * k8s:sa:<cluster>/<ns>/<name>}); {@code url} (default, in a pod: {@code
 * https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT}); {@code token-file} (default the
 * pod's service account token) or {@code token-env}; {@code ca-file} (the CA the server's
 * certificate is checked against; default the pod's {@code ca.crt} when there is one, else the
 * JDK's authorities); {@code secret-values} ({@code false}); {@code listing-interval} (seconds;
 * default 3600); {@code page-size} (the {@code limit} of each list; default 500).
 */
@PublicEvolving
public final class K8sCollector implements Feeds {

    private static final long serialVersionUID = 1L;

    /** The settings this collector takes, after {@code collect.k8s.}. */
    public static final Set<String> SETTINGS =
            Set.of(
                    "cluster",
                    "url",
                    "token-file",
                    "token-env",
                    "ca-file",
                    "secret-values",
                    "interval",
                    "listing-interval",
                    "page-size");

    private static final String IN_POD = "/var/run/secrets/kubernetes.io/serviceaccount/";
    static final String DEFAULT_TOKEN = IN_POD + "token";
    static final String DEFAULT_CA = IN_POD + "ca.crt";

    private final String cluster;
    private final URI url;
    private final Credential token;
    private final String caFile;
    private final String caSetting;
    private final boolean secretValues;
    private final Duration listingInterval;
    private final int pageSize;
    private final Clock clock;

    private K8sCollector(
            String cluster,
            URI url,
            Credential token,
            String caFile,
            String caSetting,
            boolean secretValues,
            Duration listingInterval,
            int pageSize,
            Clock clock) {
        this.cluster = cluster;
        this.url = url;
        this.token = token;
        this.caFile = caFile;
        this.caSetting = caSetting;
        this.secretValues = secretValues;
        this.listingInterval = listingInterval;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    /** The collector the settings describe; a wrong setting is an IllegalArgumentException. */
    public static K8sCollector of(CollectorSettings s, Clock clock) {
        return of(s, clock, System::getenv);
    }

    static K8sCollector of(CollectorSettings s, Clock clock, Function<String, String> environment) {
        s.checkKnown(SETTINGS);
        String cluster = s.required("cluster", "prod-eu");
        if (!K8sNames.isName(cluster)) {
            throw new IllegalArgumentException(
                    s.key("cluster")
                            + " is the name of a cluster, such as prod-eu, without slashes or"
                            + " spaces, not '"
                            + cluster
                            + "'.");
        }
        URI url =
                s.optional("url", null) != null
                        ? s.url("url", "https://203.0.113.10:6443")
                        : inPod(s, environment);
        String variable = s.optional("token-env", null);
        String file = s.optional("token-file", variable == null ? DEFAULT_TOKEN : null);
        Credential token =
                new Credential(
                        "The Kubernetes service account token",
                        variable,
                        file,
                        s.key("token-file"));
        return new K8sCollector(
                cluster,
                url,
                token,
                s.optional("ca-file", null),
                s.key("ca-file"),
                bool(s, "secret-values"),
                s.seconds("listing-interval", Duration.ofHours(1)),
                s.integer("page-size", 500, 1, 10_000),
                clock);
    }

    /** The API server a pod reaches, from the variables Kubernetes gives every container. */
    private static URI inPod(CollectorSettings s, Function<String, String> environment) {
        String host = environment.apply("KUBERNETES_SERVICE_HOST");
        String port = environment.apply("KUBERNETES_SERVICE_PORT");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(
                    s.key("url")
                            + " is not set, and this is not a pod of a cluster"
                            + " (KUBERNETES_SERVICE_HOST is not in the environment): set it to the"
                            + " cluster's API server, such as https://203.0.113.10:6443.");
        }
        String h = host.trim();
        return URI.create(
                "https://"
                        + (h.contains(":") ? "[" + h + "]" : h)
                        + ":"
                        + (port == null || port.isBlank() ? "443" : port.trim()));
    }

    private static boolean bool(CollectorSettings s, String name) {
        String v = s.optional(name, "false").toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(
                    s.key(name) + " is true or false, not '" + s.optional(name, "") + "'.");
        }
        return v.equals("true");
    }

    @Override
    public String name() {
        return "k8s";
    }

    @Override
    public List<PollSplit> splits() {
        return List.of(new PollSplit(K8sListing.FORMAT + "/" + cluster, K8sListing.FORMAT, null));
    }

    @Override
    public Feed open(PollSplit split) throws IOException {
        if (!K8sListing.FORMAT.equals(split.format())) {
            throw new IOException(
                    "The Kubernetes collector has no stream of format " + split.format());
        }
        // Read once now, so that a missing token is said at once; requests read it again.
        token.read();
        K8sApi api = new K8sApi(system(cluster), token, tls(), d -> Thread.sleep(d.toMillis()));
        K8sListing listing = new K8sListing(api, url, cluster, pageSize, secretValues);
        return new ListingFeed(listing.steps(), listingInterval, clock, listing);
    }

    /** How messages name the cluster: {@code The Kubernetes cluster prod-eu}. */
    static String system(String cluster) {
        return "The Kubernetes cluster " + cluster;
    }

    /** The CA to trust over HTTPS: the file named, else the pod's, else none (the JDK's). */
    private SSLContext tls() throws IOException {
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            return null;
        }
        if (caFile != null) {
            return K8sApi.trusting(Path.of(caFile), caSetting);
        }
        Path pod = Path.of(DEFAULT_CA);
        return Files.isReadable(pod) ? K8sApi.trusting(pod, caSetting) : null;
    }
}
