package io.keyline.azure;

import io.keyline.source.poll.CollectorException;
import io.keyline.source.poll.Credential;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.apache.flink.annotation.Internal;

/**
 * The event hub a collector reads and how it signs in: the namespace's fully qualified name, the
 * hub, the consumer group, and where its connection string is kept (a file or an environment
 * variable), or null to sign in with Entra ID through the default Azure credential chain.
 *
 * @param setting the setting that names the connection string's file, for messages
 */
@Internal
record EventHubsTarget(
        String namespace,
        String eventHub,
        String consumerGroup,
        Credential connectionString,
        String setting)
        implements Serializable {

    /** The hub and namespace, as messages name them. */
    String describe() {
        return "the event hub " + eventHub + " of " + namespace;
    }

    /**
     * Checks that a connection string is one of this hub's namespace, and of this hub when it names
     * one ({@code EntityPath}), without quoting anything of it but those names.
     */
    void check(String value) throws CollectorException {
        String endpoint = null;
        String entityPath = null;
        boolean key = false;
        for (String part : value.split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String v = part.substring(eq + 1).trim();
            switch (name) {
                case "endpoint" -> endpoint = v;
                case "entitypath" -> entityPath = v;
                case "sharedaccesskey", "sharedaccesssignature" -> key = !v.isEmpty();
                default -> {
                    // Other parts (SharedAccessKeyName) say nothing about the target.
                }
            }
        }
        String host = host(endpoint);
        if (host == null || !key) {
            throw new CollectorException(
                    "The connection string of "
                            + describe()
                            + " ("
                            + setting
                            + ") is not an Event Hubs connection string; copy one of a shared"
                            + " access policy with the Listen right, Endpoint=sb://"
                            + namespace
                            + "/;SharedAccessKeyName=...;SharedAccessKey=....");
        }
        if (!host.equalsIgnoreCase(namespace)) {
            throw new CollectorException(
                    "The connection string of "
                            + setting
                            + " is one of the namespace "
                            + host
                            + ", not of "
                            + namespace
                            + " that the collector's namespace setting names; set one of the"
                            + " two to match the other.");
        }
        if (entityPath != null && !entityPath.isEmpty() && !entityPath.equals(eventHub)) {
            throw new CollectorException(
                    "The connection string of "
                            + setting
                            + " is one of the event hub "
                            + entityPath
                            + ", not of "
                            + eventHub
                            + " that the collector's eventhub setting names; set one of the two"
                            + " to match the other.");
        }
    }

    private static String host(String endpoint) {
        if (endpoint == null) {
            return null;
        }
        try {
            URI uri = new URI(endpoint);
            return uri.getHost();
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
