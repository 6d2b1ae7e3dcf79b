package io.keyline.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.pubsub.v1.PullRequest;
import io.grpc.Status;
import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.ListParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.model.IdentityEvent;
import io.keyline.source.Formats;
import io.keyline.source.ParserHarness;
import io.keyline.source.poll.CollectorSettings;
import io.keyline.source.poll.PollSplit;
import io.keyline.source.poll.ReaderHarness;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pub/Sub collector's real client against Pub/Sub's Subscriber service in the test's process:
 * messages emitted, acknowledged only once their checkpoint completed, held meanwhile, given back
 * when a reader closes before that; refusals as dead letters; transient errors retried.
 */
class PubSubCollectorTest {

    private static final String SUBSCRIPTION = "projects/acme-prod/subscriptions/keyline-audit";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private FakePubSub pubsub;
    private List<byte[]> entries;

    @BeforeEach
    void start() throws Exception {
        pubsub = new FakePubSub().subscription(SUBSCRIPTION, Duration.ofSeconds(10));
        entries = FakePubSub.auditEntries();
        entries.forEach(e -> pubsub.publish(SUBSCRIPTION, e));
        pubsub.startInProcess();
    }

    @AfterEach
    void stop() {
        pubsub.close();
    }

    private PubSubCollector collector(String... extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("subscriptions", SUBSCRIPTION);
        settings.put("max-messages", "4");
        for (int i = 0; i < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        return PubSubCollector.of(new CollectorSettings("gcp-pubsub", settings), Clock.systemUTC())
                .withTransport(
                        s -> {
                            s.setTransportChannelProvider(
                                    FixedTransportChannelProvider.create(
                                            GrpcTransportChannel.create(pubsub.channel())));
                            s.setCredentialsProvider(NoCredentialsProvider.create());
                        });
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the condition did not come true in " + PATIENCE);
            }
            Thread.sleep(20);
        }
    }

    private static List<IdentityEvent> parse(List<RawRecord> records) {
        List<IdentityEvent> events = new ArrayList<>();
        for (RawRecord r : records) {
            assertThat(r.getError()).isNull();
            ListParseOutput out = new ListParseOutput();
            Formats.require(r.getFormat()).newParser(Fingerprinter.fromEnvironment()).parse(r, out);
            assertThat(out.rejections()).isEmpty();
            events.addAll(out.events());
        }
        return events;
    }

    @Test
    void messagesAreEmittedAndAcknowledgedOnlyOnceTheirCheckpointCompletes() throws Exception {
        PubSubCollector c = collector();
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(c.splits()).noMoreSplits();

            List<RawRecord> records = h.pollToEnd(PATIENCE);

            assertThat(records).hasSize(entries.size());
            assertThat(records)
                    .allSatisfy(
                            r -> {
                                assertThat(r.getFormat()).isEqualTo("gcp-audit");
                                assertThat(r.getOrigin())
                                        .isEqualTo(
                                                "collector:/gcp-audit/acme-prod/subscriptions/keyline-audit");
                            });
            // Emitted, but no checkpoint holds them yet.
            assertThat(pubsub.acknowledged(SUBSCRIPTION)).isEmpty();
            h.checkpoint(1);
            assertThat(pubsub.acknowledged(SUBSCRIPTION)).isEmpty();

            h.completed(1);
            await(() -> pubsub.acknowledged(SUBSCRIPTION).size() == entries.size());
            assertThat(pubsub.deliveries(SUBSCRIPTION)).containsOnly(1);

            // What came through Pub/Sub parses into exactly the events of the fixture files.
            List<IdentityEvent> expected = new ArrayList<>();
            FakePubSub.auditFiles()
                    .forEach(
                            (name, bytes) ->
                                    expected.addAll(
                                            ParserHarness.parseFile("gcp-audit", name, bytes, 0)
                                                    .events()));
            assertThat(expected).hasSizeGreaterThan(20);
            assertThat(parse(records)).containsExactlyInAnyOrderElementsOf(expected);
        }
        // Pulls of at most four messages, the last one empty.
        assertThat(pubsub.calls("Pull")).hasSize((entries.size() + 3) / 4 + 1);
    }

    @Test
    void messagesWaitingForTheirCheckpointAreHeldByExtendingTheirDeadlines() throws Exception {
        String other = "projects/acme-prod/subscriptions/control";
        pubsub.subscription(other, Duration.ofSeconds(1)).publish(other, entries.get(0));
        pubsub.subscription("projects/acme-prod/subscriptions/short", Duration.ofSeconds(1));
        String shortLived = "projects/acme-prod/subscriptions/short";
        entries.forEach(e -> pubsub.publish(shortLived, e));
        PubSubCollector c =
                collector("subscriptions", shortLived).withDeadline(Duration.ofSeconds(1));

        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(c.splits()).noMoreSplits();
            assertThat(h.pollToEnd(PATIENCE)).hasSize(entries.size());

            // Three times the deadline later, the messages are still held, not handed out again.
            Thread.sleep(3000);
            assertThat(pubsub.available(shortLived)).isZero();
            assertThat(pubsub.calls("ModifyAckDeadline"))
                    .filteredOn(call -> call.subscription().equals(shortLived))
                    .hasSizeGreaterThanOrEqualTo(4)
                    .allSatisfy(call -> assertThat(call.seconds()).isEqualTo(1));

            h.checkpoint(1);
            h.completed(1);
            await(() -> pubsub.acknowledged(shortLived).size() == entries.size());
            assertThat(pubsub.deliveries(shortLived)).containsOnly(1);
        }

        // Without extensions, a message comes again once its deadline has passed.
        SubscriberStub raw =
                PubSubClients.open(
                        s -> {
                            s.setTransportChannelProvider(
                                    FixedTransportChannelProvider.create(
                                            GrpcTransportChannel.create(pubsub.channel())));
                            s.setCredentialsProvider(NoCredentialsProvider.create());
                        });
        try {
            PullRequest pull =
                    PullRequest.newBuilder().setSubscription(other).setMaxMessages(10).build();
            assertThat(raw.pullCallable().call(pull).getReceivedMessagesCount()).isEqualTo(1);
            assertThat(raw.pullCallable().call(pull).getReceivedMessagesCount()).isZero();
            Thread.sleep(1500);
            assertThat(raw.pullCallable().call(pull).getReceivedMessagesCount()).isEqualTo(1);
        } finally {
            raw.close();
        }
    }

    @Test
    void aReaderClosedBeforeItsCheckpointCompletesLeavesItsMessagesToTheNextReader()
            throws Exception {
        PubSubCollector c = collector();
        List<PollSplit> state;
        try (ReaderHarness first = new ReaderHarness(c, Duration.ofMinutes(1), false)) {
            first.add(c.splits());
            first.pollUntil(entries.size(), PATIENCE);
            // The job fails after this checkpoint was taken and before it completed.
            state = first.checkpoint(1);
        }
        assertThat(pubsub.acknowledged(SUBSCRIPTION)).isEmpty();
        assertThat(pubsub.available(SUBSCRIPTION)).isEqualTo(entries.size());
        assertThat(state)
                .containsExactly(new PollSplit("gcp-pubsub/" + SUBSCRIPTION, "gcp-audit", null));

        try (ReaderHarness second = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            second.add(state).noMoreSplits();
            List<RawRecord> again = second.pollToEnd(PATIENCE);
            assertThat(again).hasSize(entries.size());
            second.checkpoint(2);
            second.completed(2);
            await(() -> pubsub.acknowledged(SUBSCRIPTION).size() == entries.size());
        }
        assertThat(pubsub.deliveries(SUBSCRIPTION)).containsOnly(2);
    }

    @Test
    void aPermissionRefusalIsOneDeadLetterNamingTheSubscriptionAndTheRole() throws Exception {
        pubsub.refuse(
                SUBSCRIPTION,
                Status.PERMISSION_DENIED.withDescription(
                        "User not authorized to perform this action."));
        PubSubCollector c = collector();
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(c.splits()).noMoreSplits();

            List<RawRecord> records = h.pollToEnd(PATIENCE);

            assertThat(records).hasSize(1);
            assertThat(records.get(0).getFormat()).isEqualTo("gcp-audit");
            assertThat(records.get(0).getOrigin())
                    .isEqualTo("collector:/gcp-pubsub/" + SUBSCRIPTION);
            assertThat(records.get(0).getError())
                    .isEqualTo(
                            "Pub/Sub refused Pull on the subscription"
                                    + " projects/acme-prod/subscriptions/keyline-audit"
                                    + " (PERMISSION_DENIED: User not authorized to perform this"
                                    + " action.): grant the collector's principal"
                                    + " roles/pubsub.subscriber on the subscription.");
        }
        // A refusal is not retried within the call.
        assertThat(pubsub.calls("Pull")).hasSize(1);
    }

    @Test
    void aSubscriptionThatDoesNotExistIsNamed() throws Exception {
        PubSubCollector c =
                collector("subscriptions", "projects/acme-prod/subscriptions/no-such-thing");
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(c.splits()).noMoreSplits();
            List<RawRecord> records = h.pollToEnd(PATIENCE);
            assertThat(records).hasSize(1);
            assertThat(records.get(0).getError())
                    .startsWith(
                            "The Pub/Sub subscription projects/acme-prod/subscriptions/no-such-thing"
                                    + " does not exist (NOT_FOUND");
        }
    }

    @Test
    void anUnavailableServiceIsRetriedAndNothingIsLost() throws Exception {
        pubsub.failPulls(SUBSCRIPTION, Status.UNAVAILABLE.withDescription("Connection reset"), 3);
        PubSubCollector c = collector();
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(c.splits()).noMoreSplits();

            List<RawRecord> records = h.pollToEnd(PATIENCE);

            assertThat(records)
                    .hasSize(entries.size())
                    .allSatisfy(r -> assertThat(r.getError()).isNull());
        }
        assertThat(pubsub.calls("Pull")).hasSize(3 + (entries.size() + 3) / 4 + 1);
    }

    @Test
    void theCredentialsOfAFileGoWithEveryCallAndAGrantRevokedIsADeadLetter(@TempDir Path dir)
            throws Exception {
        try (FakeGcp google = new FakeGcp()) {
            pubsub.requireToken(FakeGcp.ACCESS_TOKEN);
            Path file = google.credentialsFile(dir);
            PubSubClients.Transport inProcess =
                    s ->
                            s.setTransportChannelProvider(
                                    FixedTransportChannelProvider.create(
                                            GrpcTransportChannel.create(pubsub.channel())));
            PubSubCollector c =
                    collector("credentials-file", file.toString())
                            .withTransport(
                                    PubSubClients.authenticated(
                                            inProcess,
                                            file.toString(),
                                            "collect.gcp-pubsub.credentials-file"));
            try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
                h.add(c.splits()).noMoreSplits();
                assertThat(h.pollToEnd(PATIENCE)).hasSize(entries.size());
                h.checkpoint(1);
                h.completed(1);
                await(() -> pubsub.acknowledged(SUBSCRIPTION).size() == entries.size());
            }
            // Google's auth library got the token once, for Pub/Sub's scope.
            assertThat(google.api().requests("/token")).hasSize(1);
            assertThat(pubsub.calls("Unauthenticated")).isEmpty();

            // The token has expired and the grant behind it was revoked meanwhile.
            pubsub.requireToken("ya29.another-token");
            google.revoke();
            pubsub.publish(SUBSCRIPTION, entries.get(0));
            try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
                h.add(c.splits()).noMoreSplits();
                List<RawRecord> records = h.pollToEnd(PATIENCE);
                assertThat(records).hasSize(1);
                assertThat(records.get(0).getError())
                        .startsWith(
                                "Pull on the Pub/Sub subscription "
                                        + SUBSCRIPTION
                                        + " was not authenticated with the credentials of "
                                        + file
                                        + " (UNAUTHENTICATED")
                        .doesNotContain(FakeGcp.ACCESS_TOKEN, FakeGcp.REFRESH_TOKEN);
            }
        }
    }

    @Test
    void aSubscriptionMayNameAnotherFormat() {
        PubSubCollector c =
                collector(
                        "subscriptions",
                        SUBSCRIPTION + ", projects/acme-gke/subscriptions/gke-audit",
                        "format.gke-audit",
                        "k8s-audit");
        assertThat(c.splits())
                .containsExactly(
                        new PollSplit("gcp-pubsub/" + SUBSCRIPTION, "gcp-audit", null),
                        new PollSplit(
                                "gcp-pubsub/projects/acme-gke/subscriptions/gke-audit",
                                "k8s-audit",
                                null));
    }

    @Test
    void wrongSettingsAreNamed() {
        assertThatThrownBy(() -> collector("subscriptions", "keyline-audit"))
                .hasMessage(
                        "collect.gcp-pubsub.subscriptions lists full subscription names such as"
                                + " projects/acme-prod/subscriptions/keyline-audit, not"
                                + " 'keyline-audit'.");
        assertThatThrownBy(() -> collector("format.keyline-audit", "syslog"))
                .hasMessage(
                        "collect.gcp-pubsub.format.keyline-audit is a format Keyline reads, such"
                                + " as gcp-audit or k8s-audit, not 'syslog'.");
        assertThatThrownBy(() -> collector("format.other", "k8s-audit"))
                .hasMessageStartingWith(
                        "Unknown setting 'collect.gcp-pubsub.format.other'; the gcp-pubsub"
                                + " collector's settings are ");
        assertThatThrownBy(() -> collector("ack-deadline", "5"))
                .hasMessage(
                        "collect.gcp-pubsub.ack-deadline is a whole number from 10 to 600, not"
                                + " '5'.");
        assertThatThrownBy(
                        () ->
                                PubSubCollector.of(
                                        new CollectorSettings("gcp-pubsub", Map.of()),
                                        Clock.systemUTC()))
                .hasMessage(
                        "The gcp-pubsub collector needs collect.gcp-pubsub.subscriptions, such as"
                                + " projects/acme-prod/subscriptions/keyline-audit.");
    }
}
