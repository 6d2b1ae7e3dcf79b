package io.keyline.gcp;

import io.keyline.source.Formats;
import io.keyline.source.poll.CollectorSettings;
import io.keyline.source.poll.Feed;
import io.keyline.source.poll.Feeds;
import io.keyline.source.poll.PollSplit;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Collects Google Cloud audit logs from Pub/Sub subscriptions that Cloud Logging sinks feed: each
 * message is one {@code LogEntry} ({@code gcp-audit}, or the format a setting names for its
 * subscription), acknowledged only once the checkpoint that holds its records has completed.
 *
 * <p>Settings ({@code collect.gcp-pubsub.*}): {@code subscriptions} (full names, comma-separated),
 * {@code format.<subscription id>} (another format for one subscription), {@code credentials-file}
 * (else Application Default Credentials), {@code endpoint} (another host:port, or {@code
 * http://host:port} for a local endpoint without TLS or credentials), {@code max-messages} per
 * pull, {@code ack-deadline} (seconds each extension holds a message) and {@code interval}.
 */
@PublicEvolving
public final class PubSubCollector implements Feeds {

    private static final long serialVersionUID = 1L;

    /** The settings this collector takes, after {@code collect.gcp-pubsub.}, besides formats. */
    public static final Set<String> SETTINGS =
            Set.of(
                    "subscriptions",
                    "credentials-file",
                    "endpoint",
                    "max-messages",
                    "ack-deadline",
                    "interval");

    /** The format of a subscription without a setting of its own. */
    public static final String DEFAULT_FORMAT = AuditLogParser.SOURCE;

    private static final String PREFIX = "gcp-pubsub/";

    private static final Pattern SUBSCRIPTION =
            Pattern.compile("projects/([^/\\s]+)/subscriptions/([^/\\s]+)");

    private final Map<String, String> formats;
    private final String credentials;
    private final int maxMessages;
    private final Duration deadline;
    private final PubSubClients.Transport transport;

    private PubSubCollector(
            Map<String, String> formats,
            String credentials,
            int maxMessages,
            Duration deadline,
            PubSubClients.Transport transport) {
        this.formats = formats;
        this.credentials = credentials;
        this.maxMessages = maxMessages;
        this.deadline = deadline;
        this.transport = transport;
    }

    /** The collector the settings describe; a wrong setting is an IllegalArgumentException. */
    public static PubSubCollector of(CollectorSettings s, Clock clock) {
        String example = "projects/acme-prod/subscriptions/keyline-audit";
        List<String> names = s.list("subscriptions");
        if (names.isEmpty()) {
            s.required("subscriptions", example);
        }
        Map<String, String> formats = new LinkedHashMap<>();
        Set<String> known = new HashSet<>(SETTINGS);
        for (String name : names) {
            Matcher m = SUBSCRIPTION.matcher(name);
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        s.key("subscriptions")
                                + " lists full subscription names such as "
                                + example
                                + ", not '"
                                + name
                                + "'.");
            }
            String setting = "format." + m.group(2);
            known.add(setting);
            String format = s.optional(setting, DEFAULT_FORMAT);
            if (Formats.get(format) == null) {
                throw new IllegalArgumentException(
                        s.key(setting)
                                + " is a format Keyline reads, such as "
                                + DEFAULT_FORMAT
                                + " or k8s-audit, not '"
                                + format
                                + "'.");
            }
            formats.put(name, format);
        }
        s.checkKnown(known);
        String endpoint = s.optional("endpoint", null);
        String file = s.optional("credentials-file", null);
        String credentials =
                endpoint != null && endpoint.startsWith("http://")
                        ? "no credentials (the plain-text endpoint " + endpoint + ")"
                        : file != null
                                ? "the credentials of " + file
                                : "the Application Default Credentials";
        return new PubSubCollector(
                formats,
                credentials,
                s.integer("max-messages", 1000, 1, 1000),
                Duration.ofSeconds(s.integer("ack-deadline", 60, 10, 600)),
                PubSubClients.endpoint(endpoint, file, s.key("credentials-file")));
    }

    /** Pulls through {@code transport} instead, for tests. */
    PubSubCollector withTransport(PubSubClients.Transport transport) {
        return new PubSubCollector(formats, credentials, maxMessages, deadline, transport);
    }

    /** Holds messages for {@code deadline} at each extension, for tests. */
    PubSubCollector withDeadline(Duration deadline) {
        return new PubSubCollector(formats, credentials, maxMessages, deadline, transport);
    }

    @Override
    public String name() {
        return "gcp-pubsub";
    }

    @Override
    public List<PollSplit> splits() {
        List<PollSplit> splits = new ArrayList<>();
        formats.forEach((name, format) -> splits.add(new PollSplit(PREFIX + name, format, null)));
        return splits;
    }

    @Override
    public Feed open(PollSplit split) throws IOException {
        String name = split.splitId().substring(PREFIX.length());
        Matcher m = SUBSCRIPTION.matcher(name);
        if (!split.splitId().startsWith(PREFIX) || !m.matches()) {
            throw new IOException("The gcp-pubsub collector has no stream " + split.splitId());
        }
        return new PubSubFeed(
                name,
                m.group(1),
                split.format(),
                PubSubClients.open(transport),
                maxMessages,
                deadline,
                credentials);
    }
}
