package io.keyline.gcp;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import io.grpc.Status;
import io.keyline.source.poll.CollectorException;
import java.io.IOException;
import org.apache.flink.annotation.Internal;

/**
 * What a failed Pub/Sub call means for the collector: a refusal (permission, a subscription that
 * does not exist, credentials) is a {@link CollectorException} whose sentence names the
 * subscription and the fix; anything else is an {@link IOException}, retried later.
 */
@Internal
final class PubSubErrors {

    /** The role that lets a principal pull and acknowledge a subscription's messages. */
    static final String ROLE = "roles/pubsub.subscriber";

    private PubSubErrors() {}

    /**
     * @param call the call that failed ({@code Pull}, {@code Acknowledge}...)
     * @param credentials where the credentials come from, for messages
     */
    static IOException of(ApiException e, String subscription, String call, String credentials) {
        StatusCode.Code code = e.getStatusCode().getCode();
        String said = said(e);
        String status = code + (said == null ? "" : ": " + said);
        switch (code) {
            case PERMISSION_DENIED:
                return new CollectorException(
                        "Pub/Sub refused "
                                + call
                                + " on the subscription "
                                + subscription
                                + " ("
                                + status
                                + "): grant the collector's principal "
                                + ROLE
                                + " on the subscription.");
            case NOT_FOUND:
                return new CollectorException(
                        "The Pub/Sub subscription "
                                + subscription
                                + " does not exist ("
                                + status
                                + "): check collect.gcp-pubsub.subscriptions, or create the"
                                + " subscription on the topic the log sink writes to.");
            case UNAUTHENTICATED:
                // Google's token endpoint refusing the credentials ends here too.
                return new CollectorException(
                        call
                                + " on the Pub/Sub subscription "
                                + subscription
                                + " was not authenticated with "
                                + credentials
                                + " ("
                                + status
                                + "): check that they are valid, not expired, disabled or"
                                + " revoked.");
            case INVALID_ARGUMENT:
            case FAILED_PRECONDITION:
                return new CollectorException(
                        "Pub/Sub rejected "
                                + call
                                + " on the subscription "
                                + subscription
                                + " ("
                                + status
                                + "): check that it is a pull subscription, named"
                                + " projects/<project>/subscriptions/<subscription>.");
            default:
                return new IOException(
                        call
                                + " on the Pub/Sub subscription "
                                + subscription
                                + " failed: "
                                + status,
                        e);
        }
    }

    /** The status's description, short and on one line; null when it has none. */
    private static String said(ApiException e) {
        String description = Status.fromThrowable(e).getDescription();
        if (description == null || description.isBlank()) {
            return null;
        }
        String line = description.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
