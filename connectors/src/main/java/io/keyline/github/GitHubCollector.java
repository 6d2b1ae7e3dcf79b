package io.keyline.github;

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
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Collects from a GitHub organization's REST API: its audit log, followed with GitHub's cursor
 * ({@code github-audit}); and, taken again every listing interval, the fine-grained personal access
 * tokens it approved ({@code github-pats}) and those whose requests wait for an owner's approval
 * ({@code github-pat-requests}), the deploy keys of its repositories ({@code github-deploy-keys})
 * and the GitHub Apps installed in it ({@code github-app-installations}).
 *
 * <p>Settings ({@code collect.github.*}): {@code org}; {@code api-url} (default {@value
 * #DEFAULT_API}, a GitHub Enterprise Server's {@code https://HOST/api/v3}); {@code token-env}
 * (default variable {@code GITHUB_TOKEN}) or {@code token-file}; {@code since} (where the audit log
 * starts without a checkpoint; default seven days ago); {@code listing-interval} (seconds; default
 * 3600); {@code page-size} (1 to 100; default 100).
 */
@PublicEvolving
public final class GitHubCollector implements Feeds {

    private static final long serialVersionUID = 1L;

    /** The settings this collector takes, after {@code collect.github.}. */
    public static final Set<String> SETTINGS =
            Set.of(
                    "org",
                    "api-url",
                    "token-env",
                    "token-file",
                    "since",
                    "interval",
                    "listing-interval",
                    "page-size");

    static final String DEFAULT_API = "https://api.github.com";

    /** The format of the installations listing, which only this collector yields so far. */
    static final String INSTALLATIONS = GitHubAppInstallationsParser.SOURCE;

    static final String AUDIT_FIX =
            "use a token of an owner of the organization with the read:audit_log scope (a GitHub"
                    + " App: the organization permission Administration: read); the audit log API"
                    + " serves only organizations on GitHub Enterprise Cloud or Server";

    static final String PATS_FIX =
            "only a GitHub App's installation token can list them: give the app the"
                    + " organization permission Personal access tokens: read";

    static final String REQUESTS_FIX =
            "only a GitHub App's installation token can list them: give the app the"
                    + " organization permission Personal access token requests: read";

    static final String REPOS_FIX =
            "give the token read access to the organization's repositories (a GitHub App: the"
                    + " repository permission Metadata: read on all repositories)";

    static final String INSTALLATIONS_FIX =
            "use a token of an owner of the organization (a GitHub App: the organization"
                    + " permission Administration: read)";

    private final URI api;
    private final String org;
    private final Credential token;
    private final long since;
    private final Duration listingInterval;
    private final int pageSize;
    private final Clock clock;

    GitHubCollector(
            URI api,
            String org,
            Credential token,
            long since,
            Duration listingInterval,
            int pageSize,
            Clock clock) {
        this.api = api;
        this.org = org;
        this.token = token;
        this.since = since;
        this.listingInterval = listingInterval;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    /** The collector the settings describe; a wrong setting is an IllegalArgumentException. */
    public static GitHubCollector of(CollectorSettings s, Clock clock) {
        s.checkKnown(SETTINGS);
        String org = s.required("org", "acme");
        if (GitHubLogins.login(org) == null || org.endsWith("]")) {
            throw new IllegalArgumentException(
                    s.key("org")
                            + " is the login of a GitHub organization, such as acme, not '"
                            + org
                            + "'.");
        }
        URI api =
                s.optional("api-url", null) == null
                        ? URI.create(DEFAULT_API)
                        : s.url("api-url", "https://github.example.com/api/v3");
        Credential token = s.credential("token", "The GitHub token", "GITHUB_TOKEN");
        long since = s.time("since", clock.millis() - Duration.ofDays(7).toMillis());
        Duration listing = s.seconds("listing-interval", Duration.ofHours(1));
        int pageSize = s.integer("page-size", 100, 1, 100);
        return new GitHubCollector(api, org, token, since, listing, pageSize, clock);
    }

    /** What to grant when GitHub refuses the deploy keys of a repository. */
    static String keysFix(String repository) {
        return "give the token the repository permission Administration: read on "
                + repository
                + " (a classic token: the repo scope and admin rights on the repository)";
    }

    @Override
    public String name() {
        return "github";
    }

    @Override
    public List<PollSplit> splits() {
        return List.of(
                split(GitHubAuditParser.SOURCE),
                split(FineGrainedTokensParser.SOURCE),
                split(FineGrainedTokensParser.REQUESTS),
                split(DeployKeysParser.SOURCE),
                split(INSTALLATIONS));
    }

    private PollSplit split(String format) {
        return new PollSplit(format + "/" + org, format, null);
    }

    @Override
    public Feed open(PollSplit split) throws IOException {
        // Read once now, so that a missing token is said at once; requests read it again.
        token.read();
        GitHubApi gitHub = new GitHubApi(api, org, token);
        switch (split.format()) {
            case GitHubAuditParser.SOURCE:
                return new GitHubAuditFeed(gitHub, org, since, pageSize, clock);
            case FineGrainedTokensParser.SOURCE:
                return listing(
                        gitHub,
                        FineGrainedTokensParser.SOURCE,
                        "/personal-access-tokens",
                        PATS_FIX);
            case FineGrainedTokensParser.REQUESTS:
                return listing(
                        gitHub,
                        FineGrainedTokensParser.REQUESTS,
                        "/personal-access-token-requests",
                        REQUESTS_FIX);
            case DeployKeysParser.SOURCE:
                DeployKeysListing keys = new DeployKeysListing(gitHub, org);
                return new ListingFeed(
                        List.of(keys.firstPage(pageSize)), listingInterval, clock, keys);
            case INSTALLATIONS:
                return listing(gitHub, INSTALLATIONS, "/installations", INSTALLATIONS_FIX);
            default:
                throw new IOException(
                        "The GitHub collector has no stream of format " + split.format());
        }
    }

    /** A listing of {@code /orgs/<org><path>}, each page one document of {@code format}. */
    private ListingFeed listing(GitHubApi gitHub, String format, String path, String fix) {
        URI first = gitHub.url("/orgs/" + org + path + "?per_page=" + pageSize);
        String origin = Document.origin(format, org, path);
        return new ListingFeed(
                List.of(first),
                listingInterval,
                clock,
                (page, observedAt) -> {
                    GitHubApi.Page p = gitHub.get(page, fix);
                    return new ListingFeed.Page(
                            List.of(new Document(format, origin, observedAt, p.body())), p.next());
                });
    }
}
