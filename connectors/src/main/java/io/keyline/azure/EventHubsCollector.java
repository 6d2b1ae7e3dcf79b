package io.keyline.azure;

import io.keyline.source.Formats;
import io.keyline.source.poll.CollectorSettings;
import io.keyline.source.poll.Credential;
import io.keyline.source.poll.Document;
import io.keyline.source.poll.Feed;
import io.keyline.source.poll.Feeds;
import io.keyline.source.poll.PollSplit;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Collects what Azure Monitor diagnostic settings stream into an event hub (Entra ID sign-ins and
 * audit logs, the activity log), over AMQP with the Azure SDK: one stream per partition, whose
 * position is the sequence number of the last event emitted, checkpointed by Flink (no checkpoint
 * store in Azure, and nothing written to the hub).
 *
 * <p>Settings ({@code collect.azure-eventhubs.*}): {@code namespace} ({@code
 * acme-logs.servicebus.windows.net}), {@code eventhub}, {@code consumer-group} (default {@code
 * $Default}), {@code connection-string-env} or {@code connection-string-file} (else the default
 * Azure credential chain signs in with Entra ID), {@code start} ({@code earliest}, {@code latest}
 * or a time; default earliest), {@code format} (default {@code azure-monitor}), {@code tenant} (the
 * folder of the documents, for records that name no tenant), {@code max-events} (per request,
 * default 500), {@code wait} (seconds a request waits for events, default 5).
 */
@PublicEvolving
public final class EventHubsCollector implements Feeds {

    private static final long serialVersionUID = 1L;

    /** The name of the collector, for its settings ({@code collect.azure-eventhubs.*}). */
    public static final String NAME = "azure-eventhubs";

    /** The settings this collector takes, after {@code collect.azure-eventhubs.}. */
    public static final Set<String> SETTINGS =
            Set.of(
                    "namespace",
                    "eventhub",
                    "consumer-group",
                    "connection-string-env",
                    "connection-string-file",
                    "start",
                    "format",
                    "tenant",
                    "max-events",
                    "wait",
                    "interval");

    private static final Pattern HOST =
            Pattern.compile("^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9-]+)+$");

    /** Opens a client of the target: the SDK's in a job, a fake in tests. */
    @FunctionalInterface
    interface Connector extends Serializable {
        EventHubsClient connect(EventHubsTarget target) throws IOException;
    }

    private final EventHubsTarget target;
    private final EventHubsPosition start;
    private final String format;
    private final String tenant;
    private final int maxEvents;
    private final Duration wait;
    private final Connector connector;

    EventHubsCollector(
            EventHubsTarget target,
            EventHubsPosition start,
            String format,
            String tenant,
            int maxEvents,
            Duration wait,
            Connector connector) {
        this.target = target;
        this.start = start;
        this.format = format;
        this.tenant = tenant;
        this.maxEvents = maxEvents;
        this.wait = wait;
        this.connector = connector;
    }

    /** The collector the settings describe; a wrong setting is an IllegalArgumentException. */
    public static EventHubsCollector of(CollectorSettings s, Clock clock) {
        return of(s, SdkEventHubsClient::connect);
    }

    static EventHubsCollector of(CollectorSettings s, Connector connector) {
        s.checkKnown(SETTINGS);
        String namespace = s.required("namespace", "acme-logs.servicebus.windows.net");
        if (!HOST.matcher(namespace).matches()) {
            throw new IllegalArgumentException(
                    s.key("namespace")
                            + " is the fully qualified name of the Event Hubs namespace, such as"
                            + " acme-logs.servicebus.windows.net, not '"
                            + namespace
                            + "'.");
        }
        String hub = s.required("eventhub", "entra-logs");
        String group = s.optional("consumer-group", "$Default");
        Credential connectionString = null;
        if (s.optional("connection-string-env", null) != null
                || s.optional("connection-string-file", null) != null) {
            connectionString =
                    s.credential(
                            "connection-string",
                            "The Event Hubs connection string",
                            s.optional("connection-string-env", null));
        }
        String startText = s.optional("start", "earliest");
        EventHubsPosition start = EventHubsPosition.parse(startText);
        if (start == null) {
            throw new IllegalArgumentException(
                    s.key("start")
                            + " is earliest, latest or a time such as 2026-11-01T00:00:00Z, not '"
                            + startText
                            + "'.");
        }
        String format = s.optional("format", AzureMonitorParser.SOURCE);
        if (Formats.get(format) == null) {
            throw new IllegalArgumentException(
                    s.key("format")
                            + " is the format of the events' bodies, such as azure-monitor, not '"
                            + format
                            + "'; the formats are "
                            + String.join(", ", Formats.all().keySet())
                            + ".");
        }
        String tenant = s.optional("tenant", null);
        if (tenant != null && !AzureTenant.isId(tenant)) {
            throw new IllegalArgumentException(
                    s.key("tenant") + " is a tenant id, not '" + tenant + "'.");
        }
        int maxEvents = s.integer("max-events", 500, 1, 5000);
        Duration wait = s.seconds("wait", Duration.ofSeconds(5));
        EventHubsTarget target =
                new EventHubsTarget(
                        namespace, hub, group, connectionString, s.key("connection-string-file"));
        return new EventHubsCollector(target, start, format, tenant, maxEvents, wait, connector);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** One stream per partition of the hub, as the hub lists them now. */
    @Override
    public List<PollSplit> splits() throws IOException {
        List<PollSplit> splits = new ArrayList<>();
        try (EventHubsClient client = connector.connect(target)) {
            for (String partition : client.partitionIds()) {
                splits.add(new PollSplit(prefix() + partition, format, null));
            }
        }
        return splits;
    }

    @Override
    public Feed open(PollSplit split) throws IOException {
        String id = split.splitId();
        if (!id.startsWith(prefix())) {
            throw new IOException("The Event Hubs collector has no stream " + id);
        }
        String partition = id.substring(prefix().length());
        return new EventHubsFeed(
                connector.connect(target),
                partition,
                start,
                format,
                origin(partition),
                maxEvents,
                wait);
    }

    /** The start of the streams' ids: {@code azure-eventhubs/<namespace>/<hub>/<group>/}. */
    private String prefix() {
        return NAME
                + "/"
                + target.namespace()
                + "/"
                + target.eventHub()
                + "/"
                + target.consumerGroup()
                + "/";
    }

    /**
     * Where a partition's documents come from. With a tenant it is the folder below the format, as
     * in the input-folder layout; without one the path has no format folder at all, since the
     * parsers would take any folder below it for the tenant of records that name none.
     */
    String origin(String partition) {
        String path = "/" + target.namespace() + "/" + target.eventHub() + "/" + partition;
        return tenant != null
                ? Document.origin(format, tenant, path)
                : "collector:/eventhubs" + path;
    }
}
