package io.keyline.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpErrorContext;
import com.azure.core.amqp.exception.AmqpException;
import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.ListParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.model.IdentityEvent;
import io.keyline.source.Formats;
import io.keyline.source.ParserHarness;
import io.keyline.source.poll.CollectorSettings;
import io.keyline.source.poll.PollSplit;
import io.keyline.source.poll.ReaderHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Event Hubs collector's streams through the source's reader, over an event hub in memory
 * behind the client seam ({@link FakeEventHubs}): one stream per partition, each event's body a
 * document of the stream's format, the sequence number as the checkpointed position, the start
 * settings, and refusals as dead letters. The AMQP client itself cannot be reached here; see {@link
 * SdkEventHubsClientTest} for what of it runs.
 */
class EventHubsCollectorTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String NAMESPACE = "acme-logs.servicebus.windows.net";
    private static final String KEY = "Pl4nt3dSharedAccessKey0123456789abcdefXYZ=";

    @TempDir Path dir;
    private List<String> envelopes;
    private FakeEventHubs hub;

    @BeforeEach
    void fillTheHub() {
        envelopes =
                new String(
                                ParserHarness.resource(
                                        "/fixtures/azure/eventhub-mixed-envelopes.jsonl"),
                                StandardCharsets.UTF_8)
                        .lines()
                        .toList();
        hub = new FakeEventHubs(2);
        for (int i = 0; i < envelopes.size(); i++) {
            hub.send(Integer.toString(i % 2), 1_790_000_000_000L + i * 1000L, envelopes.get(i));
        }
    }

    private EventHubsCollector collector(String... extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("namespace", NAMESPACE);
        settings.put("eventhub", "entra-logs");
        for (int i = 0; i < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        return EventHubsCollector.of(
                new CollectorSettings("azure-eventhubs", settings), hub.connector());
    }

    /** The events the job makes of the records, as the parse stage would. */
    private static List<IdentityEvent> parse(List<RawRecord> records) {
        ListParseOutput out = new ListParseOutput();
        for (RawRecord r : records) {
            assertThat(r.getError()).isNull();
            Formats.require(r.getFormat()).newParser(Fingerprinter.fromEnvironment()).parse(r, out);
        }
        assertThat(out.rejections()).isEmpty();
        return out.events();
    }

    private static List<IdentityEvent> fixtureEvents() {
        ListParseOutput out =
                ParserHarness.parseFile(
                        "azure-monitor",
                        "hub.jsonl",
                        ParserHarness.resource("/fixtures/azure/eventhub-mixed-envelopes.jsonl"),
                        0);
        return out.events();
    }

    @Test
    void everyPartitionIsAStreamAndEveryEventBodyADocumentOfTheMixedFormat() throws Exception {
        EventHubsCollector c = collector();
        List<PollSplit> splits = c.splits();
        assertThat(splits)
                .extracting(PollSplit::splitId)
                .containsExactly(
                        "azure-eventhubs/" + NAMESPACE + "/entra-logs/$Default/0",
                        "azure-eventhubs/" + NAMESPACE + "/entra-logs/$Default/1");
        assertThat(splits).extracting(PollSplit::format).containsOnly("azure-monitor");

        List<RawRecord> records;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            records = h.add(splits).noMoreSplits().pollToEnd(PATIENCE);
        }
        assertThat(records).hasSize(envelopes.size());
        assertThat(records)
                .extracting(RawRecord::getOrigin)
                .contains(
                        "collector:/eventhubs/" + NAMESPACE + "/entra-logs/0/0",
                        "collector:/eventhubs/" + NAMESPACE + "/entra-logs/1/1");
        assertThat(records)
                .extracting(RawRecord::getObservedAt)
                .contains(1_790_000_000_000L, 1_790_000_003_000L);
        assertThat(parse(records)).hasSize(23).containsExactlyInAnyOrderElementsOf(fixtureEvents());
        // From the earliest event: no position is asked of the hub before the first event.
        assertThat(hub.requests())
                .filteredOn(r -> r.from().kind() == EventHubsPosition.Kind.EARLIEST)
                .hasSize(2);
    }

    @Test
    void aRestartResumesAfterTheSequenceNumberOfTheLastEmittedEvent() throws Exception {
        EventHubsCollector c = collector("max-events", "1");
        List<PollSplit> state;
        List<RawRecord> before;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(c.splits()).noMoreSplits();
            before = h.pollUntil(2, PATIENCE);
            state = h.checkpoint(1);
        }
        assertThat(before).hasSize(2);
        assertThat(state).extracting(PollSplit::cursor).containsOnly("0");

        List<RawRecord> after;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            after = h.add(state).noMoreSplits().pollToEnd(PATIENCE);
        }
        List<RawRecord> all = new ArrayList<>(before);
        all.addAll(after);
        assertThat(all)
                .extracting(RawRecord::getOrigin)
                .doesNotHaveDuplicates()
                .hasSize(envelopes.size());
        assertThat(parse(all)).containsExactlyInAnyOrderElementsOf(fixtureEvents());
        // The second run asked for what follows sequence number 0, exclusive, on both.
        assertThat(hub.requests())
                .contains(
                        new FakeEventHubs.Request("0", EventHubsPosition.after(0), 1),
                        new FakeEventHubs.Request("1", EventHubsPosition.after(0), 1));
    }

    @Test
    void latestReadsOnlyWhatCameAfterTheFirstRequestAndMissesNothingBetweenRequests()
            throws Exception {
        EventHubsCollector c = collector("start", "latest");
        PollSplit first = c.splits().get(0);
        List<PollSplit> state;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            assertThat(h.add(List.of(first)).noMoreSplits().pollToEnd(PATIENCE)).isEmpty();
        }
        // The bounded run ended its stream; its position was pinned at the last event (1).
        hub.send("0", 1_790_000_100_000L, envelopes.get(3));
        EventHubsFeed feed = (EventHubsFeed) c.open(first);
        var batch = feed.next(null);
        assertThat(batch.documents()).isEmpty();
        assertThat(batch.cursor()).isEqualTo("2");
        hub.send("0", 1_790_000_200_000L, envelopes.get(1));
        batch = feed.next(batch.cursor());
        assertThat(batch.documents())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.observedAt()).isEqualTo(1_790_000_200_000L);
                            assertThat(new String(d.content(), StandardCharsets.UTF_8))
                                    .isEqualTo(envelopes.get(1));
                        });
        assertThat(batch.cursor()).isEqualTo("3");
    }

    @Test
    void anEnqueuedTimeStartsAtTheFirstEventEnqueuedFromThen() throws Exception {
        EventHubsCollector c = collector("start", "2026-09-21T14:13:21Z");
        List<RawRecord> records;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            records = h.add(c.splits()).noMoreSplits().pollToEnd(PATIENCE);
        }
        // 1_790_000_001_000 is 2026-09-21T14:13:21Z: the first event of partition 0 is older.
        assertThat(records)
                .extracting(RawRecord::getOrigin)
                .containsExactlyInAnyOrder(
                        "collector:/eventhubs/" + NAMESPACE + "/entra-logs/0/1",
                        "collector:/eventhubs/" + NAMESPACE + "/entra-logs/1/0",
                        "collector:/eventhubs/" + NAMESPACE + "/entra-logs/1/1");
    }

    @Test
    void aTenantIsTheFolderOfTheDocumentsForRecordsThatNameNone() throws Exception {
        String tenant = "3f1c2a9e-5b7d-4c1e-9a0b-6d2e8f4a1c37";
        FakeEventHubs bare = new FakeEventHubs(1);
        String envelope =
                new String(
                                ParserHarness.resource(
                                        "/fixtures/azure/signin-records-envelope.json"),
                                StandardCharsets.UTF_8)
                        .replaceAll("\\s*\\n\\s*", "");
        bare.send("0", 1_790_000_000_000L, envelope);
        EventHubsCollector c =
                EventHubsCollector.of(
                        new CollectorSettings(
                                "azure-eventhubs",
                                Map.of(
                                        "namespace", NAMESPACE,
                                        "eventhub", "entra-logs",
                                        "tenant", tenant)),
                        bare.connector());
        List<RawRecord> records;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            records = h.add(c.splits()).noMoreSplits().pollToEnd(PATIENCE);
        }
        assertThat(records)
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.getOrigin())
                                        .isEqualTo(
                                                "collector:/azure-monitor/"
                                                        + tenant
                                                        + "/"
                                                        + NAMESPACE
                                                        + "/entra-logs/0/0"));
        assertThat(parse(records))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getIdentityId()).startsWith("azure:sp:" + tenant));
    }

    @Test
    void aRefusalIsOneDeadLetterThatNamesTheHubAndTheRole() throws Exception {
        EventHubsTarget target =
                new EventHubsTarget(
                        NAMESPACE,
                        "entra-logs",
                        "$Default",
                        null,
                        "collect.x.connection-string-file");
        IOException refused =
                EventHubsErrors.of(
                        new AmqpException(
                                false,
                                AmqpErrorCondition.UNAUTHORIZED_ACCESS,
                                "Unauthorized access. 'Listen' claim(s) are required to perform"
                                        + " this operation.",
                                new AmqpErrorContext(NAMESPACE)),
                        target,
                        "receiving from partition 0");
        EventHubsCollector c = collector();
        List<PollSplit> splits =
                List.of(new PollSplit(c.splits().get(0).splitId(), "azure-monitor", null));
        hub.failNext(100, refused);
        List<RawRecord> records;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            records = h.add(splits).noMoreSplits().pollToEnd(PATIENCE);
        }
        assertThat(records)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getFormat()).isEqualTo("azure-monitor");
                            assertThat(r.getError())
                                    .startsWith(
                                            "The event hub entra-logs of "
                                                    + NAMESPACE
                                                    + " refused receiving from partition 0"
                                                    + " (Unauthorized access. 'Listen' claim(s)"
                                                    + " are required to perform this operation.")
                                    .endsWith("): " + EventHubsErrors.FIX + ".");
                        });
        // Permanent: asked once, not retried within the bounded run.
        assertThat(hub.requests()).hasSize(1);
    }

    @Test
    void aBrokenConnectionIsRetriedAndLosesNothing() throws Exception {
        EventHubsCollector c = collector();
        List<PollSplit> splits = List.of(c.splits().get(0));
        hub.failNext(1, new IOException("The event hub failed while receiving: connection reset"));
        List<RawRecord> records;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            records = h.add(splits).noMoreSplits().pollToEnd(PATIENCE);
        }
        assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r.getError()).isNull());
    }

    @Test
    void theConnectionStringIsReadFromItsFileAndCheckedAgainstTheNamespaceWithoutQuotingIt()
            throws Exception {
        Path file = dir.resolve("eventhubs-connection-string");
        Files.writeString(
                file,
                "Endpoint=sb://other-logs.servicebus.windows.net/;SharedAccessKeyName=keyline;"
                        + "SharedAccessKey="
                        + KEY
                        + "\n");
        EventHubsCollector c = collector("connection-string-file", file.toString());
        EventHubsTarget target =
                new EventHubsTarget(
                        NAMESPACE,
                        "entra-logs",
                        "$Default",
                        new io.keyline.source.poll.Credential(
                                "The Event Hubs connection string",
                                null,
                                file.toString(),
                                "collect.azure-eventhubs.connection-string-file"),
                        "collect.azure-eventhubs.connection-string-file");
        assertThatThrownBy(() -> SdkEventHubsClient.connect(target))
                .hasMessage(
                        "The connection string of collect.azure-eventhubs.connection-string-file"
                                + " is one of the namespace other-logs.servicebus.windows.net,"
                                + " not of "
                                + NAMESPACE
                                + " that the collector's namespace setting names; set one of the"
                                + " two to match the other.");
        assertThat(c.name()).isEqualTo("azure-eventhubs");

        String ok = "Endpoint=sb://" + NAMESPACE + "/;SharedAccessKeyName=k;SharedAccessKey=" + KEY;
        target.check(ok);
        assertThatThrownBy(() -> target.check(ok + ";EntityPath=audit-logs"))
                .hasMessageContaining("is one of the event hub audit-logs, not of entra-logs");
        assertThatThrownBy(() -> target.check("Endpoint=sb://" + NAMESPACE + "/;" + KEY))
                .hasMessageStartingWith(
                        "The connection string of the event hub entra-logs of "
                                + NAMESPACE
                                + " (collect.azure-eventhubs.connection-string-file) is not an"
                                + " Event Hubs connection string")
                .message()
                .doesNotContain(KEY);
    }

    @Test
    void wrongSettingsAreNamed() {
        assertThatThrownBy(() -> collector("namespace", "sb://acme-logs/"))
                .hasMessage(
                        "collect.azure-eventhubs.namespace is the fully qualified name of the"
                                + " Event Hubs namespace, such as acme-logs.servicebus.windows.net,"
                                + " not 'sb://acme-logs/'.");
        assertThatThrownBy(() -> collector("start", "yesterday"))
                .hasMessage(
                        "collect.azure-eventhubs.start is earliest, latest or a time such as"
                                + " 2026-11-01T00:00:00Z, not 'yesterday'.");
        assertThatThrownBy(() -> collector("format", "azure"))
                .hasMessageStartingWith(
                        "collect.azure-eventhubs.format is the format of the events' bodies,"
                                + " such as azure-monitor, not 'azure'; the formats are ");
        assertThatThrownBy(() -> collector("tenant", "a/b"))
                .hasMessage("collect.azure-eventhubs.tenant is a tenant id, not 'a/b'.");
        assertThatThrownBy(() -> collector("max-events", "0"))
                .hasMessage(
                        "collect.azure-eventhubs.max-events is a whole number from 1 to 5000, not '0'.");
        assertThatThrownBy(() -> collector("connection-string", "Endpoint=sb://x"))
                .hasMessageStartingWith(
                        "Unknown setting 'collect.azure-eventhubs.connection-string'; the"
                                + " azure-eventhubs collector's settings are ");
    }
}
