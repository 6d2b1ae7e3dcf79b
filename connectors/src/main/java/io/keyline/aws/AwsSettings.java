package io.keyline.aws;

import io.keyline.source.poll.CollectorSettings;
import java.io.Serializable;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The AWS collector's settings ({@code collect.aws.*}), read and checked together: a wrong value or
 * a wrong combination is an {@link IllegalArgumentException} whose message names the setting, what
 * was expected and what was found.
 *
 * @param accounts the accounts to read; empty with {@code organization}
 * @param organization list the accounts with Organizations at the start of the job
 * @param role the role to assume in each account, or null to read the one account of the
 *     collector's own credentials
 * @param regions the regions of Secrets Manager and CloudTrail, the first also that of STS
 * @param endpoint an endpoint that replaces AWS's own for every client, or null
 * @param listingInterval the time from the end of one listing to the next
 * @param pageSize items per request
 * @param since where the CloudTrail walk starts without a checkpoint, epoch millis
 * @param trailBucket the bucket of the CloudTrail walk, or null
 * @param trailPrefix the trail's key prefix, empty or ending with {@code /}
 * @param trailOrganization the organization id in the keys of an organization trail, or null
 * @param trailQueue the URL of the queue of S3 notifications of new CloudTrail files, or null
 */
record AwsSettings(
        List<String> accounts,
        boolean organization,
        AwsSession.Role role,
        List<String> regions,
        URI endpoint,
        Duration listingInterval,
        int pageSize,
        long since,
        String trailBucket,
        String trailPrefix,
        String trailOrganization,
        String trailQueue)
        implements Serializable {

    /** The settings the collector takes, after {@code collect.aws.}. */
    static final Set<String> NAMES =
            Set.of(
                    "accounts",
                    "organization",
                    "role-name",
                    "external-id",
                    "regions",
                    "endpoint-url",
                    "interval",
                    "listing-interval",
                    "page-size",
                    "since",
                    "cloudtrail-bucket",
                    "cloudtrail-prefix",
                    "cloudtrail-organization-id",
                    "cloudtrail-queue-url");

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ROLE = Pattern.compile("[\\w+=,.@/-]{1,512}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ORGANIZATION = Pattern.compile("o-[a-z0-9]{10,32}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    static AwsSettings read(CollectorSettings s, Clock clock) {
        s.checkKnown(NAMES);

        // Which accounts, and as whom.
        List<String> accounts = List.copyOf(new LinkedHashSet<>(s.list("accounts")));
        for (String account : accounts) {
            check(ACCOUNT, account, s.key("accounts"), "lists account ids of 12 digits");
        }
        boolean organization = flag(s, "organization");
        String roleName = s.optional("role-name", null);
        if (roleName != null) {
            check(ROLE, roleName, s.key("role-name"), "is an IAM role name");
        }
        String externalId = s.optional("external-id", null);
        if (organization && !accounts.isEmpty()) {
            throw new IllegalArgumentException(
                    "Set either "
                            + s.key("accounts")
                            + " or "
                            + s.key("organization")
                            + "=true, not both.");
        }
        if (!organization && accounts.isEmpty()) {
            throw new IllegalArgumentException(
                    "The aws collector needs "
                            + s.key("accounts")
                            + " (such as 111122223333,444455556666) or "
                            + s.key("organization")
                            + "=true.");
        }
        if (roleName == null && (organization || accounts.size() > 1)) {
            throw new IllegalArgumentException(
                    "Reading several accounts needs "
                            + s.key("role-name")
                            + ", the role Keyline assumes in each of them (such as"
                            + " KeylineCollector); without it the collector reads the one account"
                            + " of its own credentials.");
        }
        if (externalId != null && roleName == null) {
            throw new IllegalArgumentException(
                    s.key("external-id")
                            + " goes with "
                            + s.key("role-name")
                            + ", the role whose trust policy asks for it.");
        }

        // Where.
        List<String> regions = List.copyOf(new LinkedHashSet<>(s.list("regions")));
        if (regions.isEmpty()) {
            regions = List.of(defaultRegion(s));
        }
        for (String region : regions) {
            check(REGION, region, s.key("regions"), "lists AWS regions such as eu-central-1");
        }
        URI endpoint =
                s.optional("endpoint-url", null) == null
                        ? null
                        : s.url(
                                "endpoint-url",
                                "https://vpce-0abc.sts.eu-central-1.vpce.amazonaws.com");

        // CloudTrail, from a bucket or from a queue of its notifications.
        String bucket = s.optional("cloudtrail-bucket", null);
        String queue = s.optional("cloudtrail-queue-url", null);
        String prefix = s.optional("cloudtrail-prefix", "");
        String trailOrganization = s.optional("cloudtrail-organization-id", null);
        if (bucket != null) {
            check(BUCKET, bucket, s.key("cloudtrail-bucket"), "is an S3 bucket name");
        }
        if (queue != null) {
            s.url(
                    "cloudtrail-queue-url",
                    "https://sqs.eu-central-1.amazonaws.com/111122223333/trail");
        }
        if (bucket != null && queue != null) {
            throw new IllegalArgumentException(
                    "Set either "
                            + s.key("cloudtrail-bucket")
                            + " (to walk the trail's files)"
                            + " or "
                            + s.key("cloudtrail-queue-url")
                            + " (to follow its notifications), not both.");
        }
        if (bucket == null && (!prefix.isEmpty() || trailOrganization != null)) {
            throw new IllegalArgumentException(
                    s.key("cloudtrail-prefix")
                            + " and "
                            + s.key("cloudtrail-organization-id")
                            + " go with "
                            + s.key("cloudtrail-bucket")
                            + ".");
        }
        if (trailOrganization != null) {
            check(
                    ORGANIZATION,
                    trailOrganization,
                    s.key("cloudtrail-organization-id"),
                    "is an organization id such as o-a1b2c3d4e5");
        }
        prefix = prefix.startsWith("/") ? prefix.substring(1) : prefix;
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }

        return new AwsSettings(
                accounts,
                organization,
                roleName == null ? null : new AwsSession.Role(roleName, externalId),
                regions,
                endpoint,
                s.seconds("listing-interval", Duration.ofHours(1)),
                s.integer("page-size", 100, 1, 1000),
                s.time("since", clock.millis() - Duration.ofDays(7).toMillis()),
                bucket,
                prefix,
                trailOrganization,
                queue);
    }

    private static boolean flag(CollectorSettings s, String name) {
        String v = s.optional(name, "false").toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(
                    s.key(name) + " is true or false, not '" + s.optional(name, "") + "'.");
        }
        return v.equals("true");
    }

    private static void check(Pattern pattern, String value, String key, String expected) {
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(key + " " + expected + ", not '" + value + "'.");
        }
    }

    /** The SDK's region (aws.region, AWS_REGION, the profile, the instance's). */
    private static String defaultRegion(CollectorSettings s) {
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (SdkClientException e) {
            throw new IllegalArgumentException(
                    "The aws collector needs "
                            + s.key("regions")
                            + " (such as eu-central-1,us-east-1): the SDK found no default region"
                            + " (AWS_REGION, aws.region, the profile's region).",
                    e);
        }
    }
}
