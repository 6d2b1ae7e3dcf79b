package io.keyline.gcp;

import com.google.auth.oauth2.GoogleCredentials;
import io.keyline.source.poll.CollectorSettings;
import io.keyline.source.poll.Feed;
import io.keyline.source.poll.Feeds;
import io.keyline.source.poll.HttpApi;
import io.keyline.source.poll.ListingFeed;
import io.keyline.source.poll.PollSplit;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Collects the IAM listings of Google Cloud projects, taken again every listing interval: their
 * service accounts ({@code gcp-service-accounts}), the keys of those ({@code gcp-sa-keys}) and the
 * project's IAM policy ({@code gcp-iam-policy}), each a stream of its own per project.
 *
 * <p>Settings ({@code collect.gcp.*}): {@code projects} (project ids, comma-separated), {@code
 * credentials-file} (else Application Default Credentials), {@code listing-interval} (seconds;
 * default 3600), {@code page-size} (service accounts per page; default 100), {@code interval}, and,
 * for tests and private endpoints, {@code iam-url} and {@code resource-manager-url}.
 */
@PublicEvolving
public final class GcpIamCollector implements Feeds {

    private static final long serialVersionUID = 1L;

    /** The settings this collector takes, after {@code collect.gcp.}. */
    public static final Set<String> SETTINGS =
            Set.of(
                    "projects",
                    "credentials-file",
                    "listing-interval",
                    "page-size",
                    "interval",
                    "iam-url",
                    "resource-manager-url");

    /** The scope of the tokens; what they may do is up to the principal's roles. */
    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    private static final Pattern PROJECT_ID =
            Pattern.compile("([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]");

    private static final List<String> FORMATS =
            List.of(
                    GcpServiceAccountsParser.SOURCE,
                    ServiceAccountKeysParser.SOURCE,
                    IamPolicyParser.SOURCE);

    private final List<String> projects;
    private final String credentialsFile;
    private final String credentialsSetting;
    private final URI iam;
    private final URI resourceManager;
    private final Duration listingInterval;
    private final int pageSize;
    private final Clock clock;
    private transient HttpApi.Sleeper sleeper;

    private GcpIamCollector(
            List<String> projects,
            String credentialsFile,
            String credentialsSetting,
            URI iam,
            URI resourceManager,
            Duration listingInterval,
            int pageSize,
            Clock clock) {
        this.projects = projects;
        this.credentialsFile = credentialsFile;
        this.credentialsSetting = credentialsSetting;
        this.iam = iam;
        this.resourceManager = resourceManager;
        this.listingInterval = listingInterval;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    /** The collector the settings describe; a wrong setting is an IllegalArgumentException. */
    public static GcpIamCollector of(CollectorSettings s, Clock clock) {
        s.checkKnown(SETTINGS);
        List<String> projects = s.list("projects");
        if (projects.isEmpty()) {
            s.required("projects", "acme-prod,acme-data");
        }
        for (String p : projects) {
            if (!PROJECT_ID.matcher(p).matches()) {
                throw new IllegalArgumentException(
                        s.key("projects")
                                + " lists project ids such as acme-prod (not names or numbers),"
                                + " not '"
                                + p
                                + "'.");
            }
        }
        return new GcpIamCollector(
                new ArrayList<>(projects),
                s.optional("credentials-file", null),
                s.key("credentials-file"),
                url(s, "iam-url", "https://iam.googleapis.com"),
                url(s, "resource-manager-url", "https://cloudresourcemanager.googleapis.com"),
                s.seconds("listing-interval", Duration.ofHours(1)),
                s.integer("page-size", 100, 1, 100),
                clock);
    }

    /** A base URL: https, or http on a loopback address only, as the token travels with it. */
    private static URI url(CollectorSettings s, String name, String fallback) {
        if (s.optional(name, null) == null) {
            return URI.create(fallback);
        }
        URI url = s.url(name, fallback);
        if ("http".equalsIgnoreCase(url.getScheme()) && !loopback(url.getHost())) {
            throw new IllegalArgumentException(
                    s.key(name)
                            + " may be http only on a loopback address, as the access token"
                            + " travels with every request; use https, not '"
                            + url
                            + "'.");
        }
        return url;
    }

    /** A loopback address written as such; no name is looked up. */
    private static boolean loopback(String host) {
        return host.equalsIgnoreCase("localhost")
                || host.startsWith("127.")
                || host.equals("[::1]")
                || host.equals("::1");
    }

    /** Waits for retries with {@code sleeper}, for tests. */
    GcpIamCollector withSleeper(HttpApi.Sleeper sleeper) {
        this.sleeper = sleeper;
        return this;
    }

    @Override
    public String name() {
        return "gcp";
    }

    @Override
    public List<PollSplit> splits() {
        List<PollSplit> splits = new ArrayList<>();
        for (String project : projects) {
            for (String format : FORMATS) {
                splits.add(new PollSplit(format + "/" + project, format, null));
            }
        }
        return splits;
    }

    @Override
    public Feed open(PollSplit split) throws IOException {
        String id = split.splitId();
        String project = id.substring(id.indexOf('/') + 1);
        if (!projects.contains(project) || !FORMATS.contains(split.format())) {
            throw new IOException("The gcp collector has no stream " + id);
        }
        GoogleCredentials credentials =
                GcpCredentials.load(credentialsFile, credentialsSetting, List.of(SCOPE));
        String who =
                credentialsFile != null
                        ? "the credentials of " + credentialsFile + " (" + credentialsSetting + ")"
                        : "the Application Default Credentials";
        GcpIamPages pages =
                new GcpIamPages(
                        new GcpRestApi(
                                "The Google Cloud project " + project, credentials, who, sleeper),
                        project,
                        iam,
                        resourceManager,
                        pageSize);
        switch (split.format()) {
            case GcpServiceAccountsParser.SOURCE:
                return listing(pages.accounts(), pages::serviceAccounts);
            case ServiceAccountKeysParser.SOURCE:
                return listing(pages.accounts(), pages::keys);
            default:
                return listing(pages.policy(), pages::policy);
        }
    }

    private ListingFeed listing(URI first, ListingFeed.PageReader reader) {
        return new ListingFeed(List.of(first), listingInterval, clock, reader);
    }
}
