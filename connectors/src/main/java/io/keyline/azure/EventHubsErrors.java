package io.keyline.azure;

import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpException;
import com.azure.core.exception.ClientAuthenticationException;
import io.keyline.source.poll.CollectorException;
import java.io.IOException;

/**
 * What a failure of the Event Hubs client means for the collector: a refusal (no right to receive,
 * no such hub or consumer group, a credential that cannot sign in) is permanent, a {@link
 * CollectorException} whose sentence names the hub and the fix; anything else (a broken connection,
 * a busy or timed-out service) is an {@link IOException} the reader retries.
 */
final class EventHubsErrors {

    /** What grants a reader of an event hub, least privilege first. */
    static final String FIX =
            "give the identity the Azure Event Hubs Data Receiver role on the event hub or its"
                    + " namespace, or use the connection string of a shared access policy with the"
                    + " Listen right";

    private EventHubsErrors() {}

    /**
     * The failure to report.
     *
     * @param what what was asked, for the sentence ({@code receiving from partition 3})
     */
    static IOException of(Throwable e, EventHubsTarget target, String what) {
        if (e instanceof IOException io) {
            return io;
        }
        AmqpException amqp = find(e, AmqpException.class);
        String said = SdkMessages.of(amqp != null ? amqp : e);
        if (amqp != null && amqp.getErrorCondition() != null) {
            AmqpErrorCondition condition = amqp.getErrorCondition();
            if (condition == AmqpErrorCondition.UNAUTHORIZED_ACCESS) {
                return new CollectorException(
                        capitalized(target.describe())
                                + " refused "
                                + what
                                + " ("
                                + said
                                + "): "
                                + FIX
                                + ".",
                        e);
            }
            if (condition == AmqpErrorCondition.NOT_FOUND) {
                return new CollectorException(
                        capitalized(target.describe())
                                + " or its consumer group "
                                + target.consumerGroup()
                                + " does not exist ("
                                + said
                                + "): check the collector's namespace, eventhub and"
                                + " consumer-group settings.",
                        e);
            }
            if (condition == AmqpErrorCondition.ENTITY_DISABLED_ERROR) {
                return new CollectorException(
                        capitalized(target.describe())
                                + " is disabled ("
                                + said
                                + "): enable it, or stop collecting from it.",
                        e);
            }
        }
        ClientAuthenticationException auth = find(e, ClientAuthenticationException.class);
        if (auth != null) {
            return new CollectorException(
                    "No Azure credential could sign in to "
                            + target.describe()
                            + " ("
                            + SdkMessages.of(auth)
                            + "): give the collector a workload or managed identity, or the"
                            + " AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET"
                            + " variables, or a connection string ("
                            + target.setting()
                            + "); and "
                            + FIX
                            + ".",
                    e);
        }
        return new IOException(
                capitalized(target.describe())
                        + " failed while "
                        + what
                        + ": "
                        + SdkMessages.of(e)
                        + rootCause(e),
                e);
    }

    /** What lies under a wrapper such as the SDK's retries ({@code Retries exhausted: 3/3}). */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e
                ? ""
                : " (" + root.getClass().getSimpleName() + ": " + SdkMessages.of(root) + ")";
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
