package io.keyline.aws;

import io.keyline.source.poll.CollectorException;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * The AWS clients of one stream, with the credentials it reads with: in an account, those of the
 * role assumed there (renewed by the SDK before they expire) or the base credentials themselves;
 * for the trail's bucket and queue, the base credentials. Every client shares one HTTP client, the
 * endpoint override and the SDK's standard retry strategy, with more attempts than its default.
 */
final class AwsSession implements AutoCloseable {

    /** The name of the sessions of assumed roles, as CloudTrail will show them. */
    static final String SESSION_NAME = "keyline-collector";

    /** Attempts of one call, throttled or failing with a server error, before it fails. */
    static final int ATTEMPTS = 8;

    /** The role the collector assumes in each account, and the external id its trust asks for. */
    record Role(String name, String externalId) implements Serializable {

        String arn(String account) {
            return "arn:aws:iam::" + account + ":role/" + name;
        }
    }

    private final AwsConnection connection;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final AwsCalls.Scope scope;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private AwsSession(
            AwsConnection connection,
            SdkHttpClient http,
            AwsCredentialsProvider credentials,
            AwsCalls.Scope scope) {
        this.connection = connection;
        this.http = http;
        this.credentials = credentials;
        this.scope = scope;
    }

    /** A session with the base credentials, for the trail's bucket and queue. */
    static AwsSession base(AwsConnection connection, String place) throws IOException {
        SdkHttpClient http = httpClient();
        try {
            AwsCredentialsProvider base = baseCredentials(connection);
            AwsSession session =
                    new AwsSession(
                            connection,
                            http,
                            base,
                            new AwsCalls.Scope(place, "the collector's own credentials"));
            if (base instanceof AutoCloseable closeable) {
                session.closeables.add(closeable);
            }
            return session;
        } catch (IOException | RuntimeException e) {
            http.close();
            throw e;
        }
    }

    /**
     * A session in an account: as {@code role} assumed there, or, when it is null, as the base
     * credentials, which must then belong to that account.
     */
    static AwsSession account(AwsConnection connection, String account, Role role)
            throws IOException {
        SdkHttpClient http = httpClient();
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            AwsCredentialsProvider base = baseCredentials(connection);
            if (base instanceof AutoCloseable closeable) {
                opened.add(closeable);
            }
            AwsSession bootstrap =
                    new AwsSession(
                            connection,
                            http,
                            base,
                            AwsCalls.Scope.account(account, "the collector's own credentials"));
            StsClient sts = bootstrap.client(StsClient.builder(), bootstrap.homeRegion());
            opened.add(sts);
            AwsSession session;
            if (role == null) {
                checkCallerAccount(sts, account, bootstrap.scope);
                session = new AwsSession(connection, http, base, bootstrap.scope);
            } else {
                StsAssumeRoleCredentialsProvider assumed = assume(sts, account, role);
                opened.add(assumed);
                session =
                        new AwsSession(
                                connection,
                                http,
                                assumed,
                                AwsCalls.Scope.account(account, "the role " + role.arn(account)));
            }
            session.closeables.addAll(opened);
            return session;
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable c : opened) {
                closeQuietly(c);
            }
            http.close();
            throw e;
        }
    }

    AwsCalls.Scope scope() {
        return scope;
    }

    IamClient iam() {
        return keep(client(IamClient.builder(), Region.AWS_GLOBAL));
    }

    SecretsManagerClient secretsManager(String region) {
        return keep(client(SecretsManagerClient.builder(), Region.of(region)));
    }

    S3Client s3() {
        // A local or private endpoint takes the bucket in the path; AWS's own finds the bucket's
        // region by itself.
        return keep(
                client(
                        S3Client.builder()
                                .forcePathStyle(connection.endpoint() != null)
                                .crossRegionAccessEnabled(connection.endpoint() == null),
                        homeRegion()));
    }

    SqsClient sqs(String region) {
        return keep(client(SqsClient.builder(), Region.of(region)));
    }

    Region homeRegion() {
        return Region.of(connection.homeRegion());
    }

    private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(
            B builder, Region region) {
        builder.httpClient(http)
                .credentialsProvider(credentials)
                .region(region)
                .overrideConfiguration(
                        o ->
                                o.retryStrategy(retryStrategy())
                                        .apiCallAttemptTimeout(Duration.ofMinutes(2)));
        if (connection.endpoint() != null) {
            builder.endpointOverride(connection.endpoint());
        }
        return builder.build();
    }

    /**
     * The SDK's standard strategy (exponential backoff with jitter, throttling waits from one
     * second up to twenty) with more attempts, and without its retry quota, so that a throttled
     * listing slows down rather than stops.
     */
    static RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(ATTEMPTS)
                .circuitBreakerEnabled(false)
                .build();
    }

    private <C extends AutoCloseable> C keep(C client) {
        closeables.add(client);
        return client;
    }

    private static SdkHttpClient httpClient() {
        return ApacheHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
    }

    /** The base credentials, resolved now, so that missing ones are named at once. */
    private static AwsCredentialsProvider baseCredentials(AwsConnection connection)
            throws IOException {
        AwsCredentialsProvider provider = connection.credentials().provider();
        try {
            provider.resolveCredentials();
            return provider;
        } catch (SdkClientException e) {
            throw new CollectorException(
                    "The AWS collector found no credentials in the SDK's default chain ("
                            + AwsCalls.summary(e.getMessage())
                            + "): give the collector's task a role (web identity, container or"
                            + " instance profile), a profile (AWS_PROFILE), or the variables"
                            + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
                    e);
        }
    }

    private static StsAssumeRoleCredentialsProvider assume(StsClient sts, String account, Role role)
            throws IOException {
        AssumeRoleRequest.Builder request =
                AssumeRoleRequest.builder()
                        .roleArn(role.arn(account))
                        .roleSessionName(SESSION_NAME);
        if (role.externalId() != null) {
            request.externalId(role.externalId());
        }
        StsAssumeRoleCredentialsProvider provider =
                StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(sts)
                        .refreshRequest(request.build())
                        .build();
        try {
            provider.resolveCredentials();
            return provider;
        } catch (SdkException e) {
            provider.close();
            AwsServiceException refused = AwsCalls.serviceCause(e);
            if (refused != null
                    && (refused.statusCode() == 403 || refused.statusCode() == 400)
                    && !refused.isThrottlingException()) {
                throw new CollectorException(
                        "The role "
                                + role.arn(account)
                                + " of the AWS account "
                                + account
                                + " cannot be assumed (HTTP "
                                + refused.statusCode()
                                + ", "
                                + AwsCalls.code(refused)
                                + "): the role must exist, its trust policy must allow"
                                + " sts:AssumeRole to the collector's principal"
                                + (role.externalId() == null
                                        ? ""
                                        : " with the condition sts:ExternalId equal to"
                                                + " collect.aws.external-id")
                                + ", and the collector's own policy must allow sts:AssumeRole on"
                                + " that role.",
                        e);
            }
            throw AwsCalls.failure(
                    AwsCalls.Scope.account(account, "the collector's own credentials"),
                    "sts:AssumeRole",
                    e);
        }
    }

    /** Without a role, the base credentials must be those of the account they list. */
    private static void checkCallerAccount(StsClient sts, String account, AwsCalls.Scope scope)
            throws IOException {
        String caller =
                AwsCalls.call(scope, "sts:GetCallerIdentity", () -> sts.getCallerIdentity())
                        .account();
        if (!account.equals(caller)) {
            throw new CollectorException(
                    "The AWS collector's credentials belong to the account "
                            + caller
                            + ", not to "
                            + account
                            + ", and collect.aws.role-name is not set: name a role to assume in"
                            + " each account with collect.aws.role-name, or list only "
                            + caller
                            + " in collect.aws.accounts.");
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Closing a client that failed to start: nothing to add to the failure.
        }
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeQuietly(closeables.get(i));
        }
        closeables.clear();
        http.close();
    }
}
