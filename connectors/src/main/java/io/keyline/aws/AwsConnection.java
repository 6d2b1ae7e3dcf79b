package io.keyline.aws;

import java.io.Serializable;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * How the AWS collector reaches AWS, as it travels with the job: where its base credentials come
 * from (never the credentials themselves), an endpoint that replaces AWS's own for every client,
 * and the region of STS and of the global services' signatures.
 *
 * @param credentials where the base credentials come from: the SDK's default chain, or in tests a
 *     fixed pair
 * @param endpoint the endpoint of every client (a private endpoint, a local test server), or null
 *     for AWS's own
 * @param homeRegion the region of STS, S3 and the queue when nothing else names one
 */
record AwsConnection(Credentials credentials, URI endpoint, String homeRegion)
        implements Serializable {

    /** Where base credentials come from; resolved on the task that uses them. */
    @FunctionalInterface
    interface Credentials extends Serializable {
        AwsCredentialsProvider provider();
    }

    /**
     * The SDK's default chain: system properties, environment, web identity, the profile file, the
     * container and the instance profile, in that order.
     */
    enum DefaultChain implements Credentials {
        INSTANCE;

        @Override
        public AwsCredentialsProvider provider() {
            return DefaultCredentialsProvider.builder().build();
        }
    }
}
