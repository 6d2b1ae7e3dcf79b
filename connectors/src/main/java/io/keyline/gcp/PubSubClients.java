package io.keyline.gcp;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.pubsub.v1.stub.GrpcSubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStubSettings;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * Opens the client of Pub/Sub's Subscriber API that a feed pulls with: gRPC to Pub/Sub (or to the
 * endpoint the settings name) with the collector's credentials, and the retries Keyline wants
 * (transient errors retried for a minute; a pull that finds nothing within {@link #PULL_WAIT}
 * simply found nothing).
 */
@Internal
final class PubSubClients {

    /** The scope the credentials are asked for. */
    static final String SCOPE = "https://www.googleapis.com/auth/pubsub";

    /** How long one call may take; a pull waits at most this long for messages. */
    static final Duration PULL_WAIT = Duration.ofSeconds(10);

    /** How to reach Pub/Sub: the transport and credentials of a stub's settings. */
    @FunctionalInterface
    interface Transport extends Serializable {
        void configure(SubscriberStubSettings.Builder settings) throws IOException;
    }

    private PubSubClients() {}

    /**
     * Pub/Sub itself, or a private endpoint ({@code host:port}), over TLS with the credentials of
     * {@code credentialsFile} or Application Default Credentials; or, for {@code http://host:port},
     * a local endpoint such as Pub/Sub's emulator, in plain text and with no credentials at all.
     */
    static Transport endpoint(String endpoint, String credentialsFile, String setting) {
        if (endpoint != null && endpoint.startsWith("http://")) {
            return settings -> {
                settings.setTransportChannelProvider(
                        InstantiatingGrpcChannelProvider.newBuilder()
                                .setEndpoint(endpoint.substring("http://".length()))
                                .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
                                .build());
                settings.setCredentialsProvider(NoCredentialsProvider.create());
            };
        }
        return authenticated(
                settings -> {
                    if (endpoint != null) {
                        settings.setEndpoint(endpoint);
                    }
                },
                credentialsFile,
                setting);
    }

    /**
     * {@code channel}, with the credentials of {@code credentialsFile} or Application Default
     * Credentials, read when the stub is opened.
     */
    static Transport authenticated(Transport channel, String credentialsFile, String setting) {
        return settings -> {
            channel.configure(settings);
            settings.setCredentialsProvider(
                    FixedCredentialsProvider.create(
                            GcpCredentials.load(credentialsFile, setting, List.of(SCOPE))));
        };
    }

    /** A stub over {@code transport}, with Keyline's retries. */
    static SubscriberStub open(Transport transport) throws IOException {
        SubscriberStubSettings.Builder settings = SubscriberStubSettings.newBuilder();
        transport.configure(settings);
        RetrySettings retries =
                RetrySettings.newBuilder()
                        .setInitialRetryDelayDuration(Duration.ofMillis(100))
                        .setRetryDelayMultiplier(2)
                        .setMaxRetryDelayDuration(Duration.ofSeconds(10))
                        .setInitialRpcTimeoutDuration(PULL_WAIT)
                        .setRpcTimeoutMultiplier(1)
                        .setMaxRpcTimeoutDuration(PULL_WAIT)
                        .setTotalTimeoutDuration(Duration.ofMinutes(1))
                        .build();
        StatusCode.Code[] retried = {
            StatusCode.Code.UNAVAILABLE,
            StatusCode.Code.ABORTED,
            StatusCode.Code.INTERNAL,
            StatusCode.Code.UNKNOWN,
            StatusCode.Code.RESOURCE_EXHAUSTED
        };
        settings.pullSettings().setRetryableCodes(retried).setRetrySettings(retries);
        settings.acknowledgeSettings().setRetryableCodes(retried).setRetrySettings(retries);
        settings.modifyAckDeadlineSettings().setRetryableCodes(retried).setRetrySettings(retries);
        return GrpcSubscriberStub.create(settings.build());
    }
}
