package io.keyline.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpErrorContext;
import com.azure.core.amqp.exception.AmqpException;
import com.azure.identity.CredentialUnavailableException;
import com.azure.messaging.eventhubs.models.EventPosition;
import io.keyline.source.poll.CollectorException;
import io.keyline.source.poll.Credential;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What of the Azure SDK's Event Hubs client path runs without Azure: Keyline's positions as the
 * SDK's, the SDK's own exceptions as the collector's failures, and the real client, built from a
 * connection string, failing to reach a namespace on loopback where nothing answers AMQP.
 */
class SdkEventHubsClientTest {

    private static final String NAMESPACE = "acme-logs.servicebus.windows.net";
    private static final String KEY = "Pl4nt3dSharedAccessKey0123456789abcdefXYZ=";
    private static final EventHubsTarget TARGET =
            new EventHubsTarget(
                    NAMESPACE,
                    "entra-logs",
                    "keyline",
                    null,
                    "collect.azure-eventhubs.connection-string-file");

    @TempDir Path dir;

    @Test
    void positionsAreTheSdksOwn() {
        assertThat(SdkEventHubsClient.position(EventHubsPosition.earliest()))
                .isEqualTo(EventPosition.earliest());
        assertThat(SdkEventHubsClient.position(EventHubsPosition.latest()))
                .isEqualTo(EventPosition.latest());
        assertThat(SdkEventHubsClient.position(EventHubsPosition.after(41)))
                .isEqualTo(EventPosition.fromSequenceNumber(41, false))
                .satisfies(p -> assertThat(p.isInclusive()).isFalse());
        assertThat(SdkEventHubsClient.position(EventHubsPosition.enqueuedAt(1_790_000_000_000L)))
                .isEqualTo(
                        EventPosition.fromEnqueuedTime(Instant.ofEpochMilli(1_790_000_000_000L)));
    }

    @Test
    void refusalsArePermanentAndNameTheHubAndTheFix() {
        IOException notFound =
                EventHubsErrors.of(
                        new AmqpException(
                                false,
                                AmqpErrorCondition.NOT_FOUND,
                                "The messaging entity could not be found.",
                                new AmqpErrorContext(NAMESPACE)),
                        TARGET,
                        "listing its partitions");
        assertThat(notFound)
                .isInstanceOf(CollectorException.class)
                .hasMessageStartingWith(
                        "The event hub entra-logs of "
                                + NAMESPACE
                                + " or its consumer group keyline does not exist (The messaging"
                                + " entity could not be found.")
                .hasMessageEndingWith(
                        "): check the collector's namespace, eventhub and consumer-group"
                                + " settings.");

        IOException noCredential =
                EventHubsErrors.of(
                        new RuntimeException(
                                new CredentialUnavailableException(
                                        "DefaultAzureCredential failed to retrieve a token")),
                        TARGET,
                        "listing its partitions");
        assertThat(noCredential)
                .isInstanceOf(CollectorException.class)
                .hasMessageStartingWith(
                        "No Azure credential could sign in to the event hub entra-logs of "
                                + NAMESPACE
                                + " (DefaultAzureCredential failed to retrieve a token)");
    }

    @Test
    void transientFailuresAreRetriedAndSecretsInSdkMessagesAreMasked() {
        IOException busy =
                EventHubsErrors.of(
                        new AmqpException(
                                true,
                                AmqpErrorCondition.SERVER_BUSY_ERROR,
                                "Server busy; request SharedAccessSignature sr=x&sig="
                                        + KEY
                                        + "&se=1",
                                new AmqpErrorContext(NAMESPACE)),
                        TARGET,
                        "receiving from partition 2");
        assertThat(busy)
                .isNotInstanceOf(CollectorException.class)
                .hasMessageStartingWith(
                        "The event hub entra-logs of "
                                + NAMESPACE
                                + " failed while receiving from partition 2: Server busy;")
                .hasMessageNotContaining(KEY);
        assertThat(SdkMessages.clean("Endpoint=sb://x/;SharedAccessKey=" + KEY + ";EntityPath=h"))
                .isEqualTo("Endpoint=sb://x/;SharedAccessKey=***;EntityPath=h");
    }

    /**
     * The real SDK client, from a connection string whose namespace is a loopback port that accepts
     * no AMQP: building it, and asking it for the partitions, runs the SDK's own code up to the
     * connection, which fails as a retryable error that names the hub and quotes no key.
     */
    @Test
    void theRealClientFailsToReachANamespaceWhereNothingAnswersAsARetryableError()
            throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path file = dir.resolve("connection-string");
        Files.writeString(
                file,
                "Endpoint=sb://127.0.0.1:"
                        + port
                        + "/;SharedAccessKeyName=keyline;SharedAccessKey="
                        + KEY);
        EventHubsTarget target =
                new EventHubsTarget(
                        "127.0.0.1",
                        "entra-logs",
                        "$Default",
                        new Credential(
                                "The Event Hubs connection string",
                                null,
                                file.toString(),
                                "collect.azure-eventhubs.connection-string-file"),
                        "collect.azure-eventhubs.connection-string-file");
        long started = System.nanoTime();
        IOException failure = null;
        AmqpRetryOptions once =
                new AmqpRetryOptions().setMaxRetries(0).setTryTimeout(Duration.ofSeconds(5));
        try (EventHubsClient client = SdkEventHubsClient.connect(target, once)) {
            client.partitionIds();
        } catch (IOException e) {
            failure = e;
        }
        assertThat(failure)
                .isNotNull()
                .isNotInstanceOf(CollectorException.class)
                .hasMessageStartingWith(
                        "The event hub entra-logs of 127.0.0.1 failed while listing its partitions: ")
                .hasMessageNotContaining(KEY);
        System.out.println(
                "The SDK's failure as the collector reports it: " + failure.getMessage());
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(Duration.ofSeconds(40));
    }
}
