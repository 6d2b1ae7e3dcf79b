package io.keyline.aws;

import io.keyline.source.poll.Batch;
import io.keyline.source.poll.CollectorSettings;
import io.keyline.source.poll.Feed;
import io.keyline.source.poll.Feeds;
import io.keyline.source.poll.ListingFeed;
import io.keyline.source.poll.PollSplit;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects from AWS accounts with the AWS SDK for Java v2, as the role assumed in each account (or
 * as the collector's own credentials in its one account): per account the IAM authorization details
 * ({@code aws-authorization-details}), the access keys with their last use ({@code
 * aws-access-keys}) and the credential report ({@code aws-credential-report}), taken again every
 * listing interval; per account and region the Secrets Manager listing, metadata only ({@code
 * aws-secrets-manager}); and CloudTrail's log files ({@code cloudtrail}), walked in a bucket per
 * account and region or announced by S3 notifications in a queue.
 *
 * <p>Credentials come from the SDK's default chain on the task that reads (environment, profile,
 * web identity, container, instance profile), never from settings. Settings: see {@link
 * AwsSettings}.
 */
@PublicEvolving
public final class AwsCollector implements Feeds {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(AwsCollector.class);

    private static final String TRAIL = CloudTrailObjectsFeed.FORMAT;
    private static final String QUEUE = "queue";

    private final AwsSettings settings;
    private final AwsConnection connection;
    private final Clock clock;

    AwsCollector(AwsSettings settings, AwsConnection.Credentials credentials, Clock clock) {
        this.settings = settings;
        this.connection =
                new AwsConnection(credentials, settings.endpoint(), settings.regions().get(0));
        this.clock = clock;
    }

    /** The collector the settings describe; a wrong setting is an IllegalArgumentException. */
    public static AwsCollector of(CollectorSettings s, Clock clock) {
        return new AwsCollector(
                AwsSettings.read(s, clock), AwsConnection.DefaultChain.INSTANCE, clock);
    }

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public List<PollSplit> splits() throws IOException {
        List<PollSplit> splits = new ArrayList<>();
        for (String account : accounts()) {
            splits.add(split(AuthorizationDetailsListing.FORMAT, account));
            splits.add(split(AccessKeysListing.FORMAT, account));
            splits.add(split(CredentialReportListing.FORMAT, account));
            for (String region : settings.regions()) {
                splits.add(split(SecretsListing.FORMAT, account + "/" + region));
            }
            if (settings.trailBucket() != null) {
                for (String region : settings.regions()) {
                    splits.add(split(TRAIL, account + "/" + region));
                }
            }
        }
        if (settings.trailQueue() != null) {
            splits.add(split(TRAIL, QUEUE + "/" + queueName(settings.trailQueue())));
        }
        return splits;
    }

    /** The configured accounts, or those Organizations lists as active. */
    private List<String> accounts() throws IOException {
        if (!settings.organization()) {
            return settings.accounts();
        }
        try {
            List<String> accounts = OrganizationAccounts.list(connection);
            LOG.info(
                    "Collector aws reads the {} active accounts of the organization",
                    accounts.size());
            return accounts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Listing the organization's accounts was interrupted");
        }
    }

    private static PollSplit split(String format, String place) {
        return new PollSplit(format + "/" + place, format, null);
    }

    @Override
    public Feed open(PollSplit split) throws IOException {
        // The stream's id is <format>/<account>[/<region>], or cloudtrail/queue/<name>.
        String[] id = split.splitId().split("/");
        if (split.format().equals(TRAIL) && id[1].equals(QUEUE)) {
            AwsSession session =
                    AwsSession.base(connection, "the SQS queue " + settings.trailQueue());
            return new CloudTrailQueueFeed(session, settings.trailQueue(), clock);
        }
        String account = id[1];
        String region = id.length > 2 ? id[2] : null;
        if (split.format().equals(TRAIL)) {
            AwsSession session =
                    AwsSession.base(connection, "the S3 bucket " + settings.trailBucket());
            return new CloudTrailObjectsFeed(
                    session,
                    settings.trailBucket(),
                    CloudTrailKeys.folder(
                            settings.trailPrefix(), settings.trailOrganization(), account, region),
                    account,
                    settings.since(),
                    settings.pageSize(),
                    clock);
        }
        AwsSession session = AwsSession.account(connection, account, settings.role());
        try {
            return new Listing(listing(session, split.format(), account, region), session);
        } catch (RuntimeException | IOException e) {
            session.close();
            throw e;
        }
    }

    private ListingFeed listing(AwsSession session, String format, String account, String region)
            throws IOException {
        int pageSize = settings.pageSize();
        ListingFeed.PageReader reader;
        String operation;
        switch (format) {
            case AuthorizationDetailsListing.FORMAT:
                reader =
                        new AuthorizationDetailsListing(
                                session.iam(), session.scope(), account, pageSize);
                operation = AuthorizationDetailsListing.OPERATION;
                break;
            case AccessKeysListing.FORMAT:
                reader = new AccessKeysListing(session.iam(), session.scope(), account, pageSize);
                operation = AccessKeysListing.OPERATION;
                break;
            case CredentialReportListing.FORMAT:
                reader = new CredentialReportListing(session.iam(), session.scope(), account);
                operation = CredentialReportListing.OPERATION;
                break;
            case SecretsListing.FORMAT:
                reader =
                        new SecretsListing(
                                session.secretsManager(region),
                                new AwsCalls.Scope(
                                        "the AWS account " + account + " in " + region,
                                        session.scope().principal()),
                                account,
                                region,
                                pageSize);
                operation = SecretsListing.OPERATION;
                break;
            default:
                throw new IOException("The AWS collector has no stream of format " + format);
        }
        return new ListingFeed(
                List.of(ApiPages.first(operation)), settings.listingInterval(), clock, reader);
    }

    /** The queue's name, the last part of its URL. */
    private static String queueName(String url) {
        String path = URI.create(url).getPath();
        return path == null || path.isEmpty() ? url : path.substring(path.lastIndexOf('/') + 1);
    }

    /** A listing with the session it reads with, closed with it. */
    private record Listing(ListingFeed feed, AwsSession session) implements Feed {

        @Override
        public Batch next(String cursor) throws IOException, InterruptedException {
            return feed.next(cursor);
        }

        @Override
        public void close() {
            session.close();
        }
    }

    /** This collector with other base credentials: a fixed pair, in tests. */
    AwsCollector withCredentials(AwsConnection.Credentials credentials) {
        return new AwsCollector(settings, credentials, clock);
    }
}
