package io.keyline.inventory;

import static io.keyline.inventory.Events.created;
import static io.keyline.inventory.Events.day;
import static io.keyline.inventory.Events.deleted;
import static io.keyline.inventory.Events.used;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.model.Attributes;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import io.keyline.model.Location;
import io.keyline.model.Stores;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class CredentialFunctionTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, IdentityEvent, CredentialRecord>
            harness(InventorySettings settings) throws Exception {
        return harness(settings, null);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, IdentityEvent, CredentialRecord>
            harness(InventorySettings settings, OperatorSubtaskState restored) throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new FlushingProcessOperator<>(
                                new CredentialFunction(settings), !settings.bounded),
                        IdentityEvent::getCredentialId,
                        Types.STRING);
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        return h;
    }

    private static InventorySettings bounded() {
        return InventorySettings.builder().bounded(true).build();
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, IdentityEvent, ?> h, IdentityEvent e)
            throws Exception {
        h.processElement(new StreamRecord<>(e, e.getEventTime()));
    }

    private static List<CredentialRecord> records(
            KeyedOneInputStreamOperatorTestHarness<String, IdentityEvent, CredentialRecord> h) {
        return h.extractOutputValues();
    }

    @Test
    void mergesEventsInAnyOrderAndWritesOnceAtTheEndOfABoundedInput() throws Exception {
        var h = harness(bounded());
        send(h, used(day(5), "10.0.0.1"));
        send(h, used(day(3), "10.0.0.2"));
        send(h, created(day(1), "alice@example.com"));
        send(h, used(day(4), "10.0.0.1"));
        assertThat(records(h)).as("nothing is written before the input ends").isEmpty();

        h.processWatermark(Long.MAX_VALUE);

        List<CredentialRecord> out = records(h);
        assertThat(out).hasSize(1);
        CredentialRecord r = out.get(0);
        assertThat(r.createdAt).isEqualTo(day(1));
        assertThat(r.createdBy).isEqualTo("alice@example.com");
        assertThat(r.status).isEqualTo("Active");
        assertThat(r.lastUsedAt).isEqualTo(day(5));
        assertThat(r.lastUsedSourceIp).isEqualTo("10.0.0.1");
        assertThat(r.firstSeenAt).isEqualTo(day(1));
        assertThat(r.consumerCount).isEqualTo(2);
        assertThat(r.observedResources)
                .extracting(o -> o.resource)
                .containsExactly("arn:aws:s3:::billing-exports");

        List<ConsumerRecord> consumers =
                h.getSideOutput(CredentialFunction.CONSUMERS).stream()
                        .map(StreamRecord::getValue)
                        .collect(Collectors.toList());
        assertThat(consumers)
                .extracting(c -> c.sourceIp)
                .containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
        assertThat(consumers)
                .filteredOn(c -> c.sourceIp.equals("10.0.0.1"))
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.calls).isEqualTo(2);
                            assertThat(c.firstSeenAt).isEqualTo(day(4));
                            assertThat(c.lastSeenAt).isEqualTo(day(5));
                        });
        h.close();
    }

    @Test
    void theAccountOfAStoreHoldingACopyIsNotTheCredentials() throws Exception {
        var h = harness(bounded());
        send(
                h,
                IdentityEvent.of("copy", day(0), "k8s-serviceaccounts", EventKind.STORED_AT)
                        .credential(Events.KEY, CredentialTypes.AWS_ACCESS_KEY)
                        .location(new Location(Stores.K8S_SECRET, "payments-prod/ci/aws#key"))
                        .attribute(Attributes.ACCOUNT, "payments-prod"));
        send(h, created(day(1), "alice@example.com"));
        h.processWatermark(Long.MAX_VALUE);

        assertThat(records(h))
                .singleElement()
                .satisfies(r -> assertThat(r.account).isEqualTo("111122223333"));
        h.close();
    }

    @Test
    void aPlaceTwoScannersReportIsTheSameWhicheverComesFirst() throws Exception {
        IdentityEvent gitleaks = finding("gitleaks", "AWS", day(2), "c0ffee1");
        IdentityEvent trufflehog = finding("trufflehog", "aws-access-token", day(2), null);
        IdentityEvent later = finding("trufflehog", "aws-access-token", day(3), "beef002");
        List<List<IdentityEvent>> orders =
                List.of(
                        List.of(gitleaks, trufflehog, later),
                        List.of(later, trufflehog, gitleaks),
                        List.of(trufflehog, later, gitleaks));
        List<String> rows = new java.util.ArrayList<>();
        for (List<IdentityEvent> order : orders) {
            var h = harness(bounded());
            for (IdentityEvent e : order) {
                send(h, e);
            }
            h.processWatermark(Long.MAX_VALUE);
            LocationRecord place = h.getSideOutput(CredentialFunction.LOCATIONS).peek().getValue();
            rows.add(
                    String.join(
                            " ",
                            place.source,
                            place.detector,
                            place.commit,
                            String.valueOf(place.firstSeenAt),
                            String.valueOf(place.sightings)));
            h.close();
        }
        assertThat(rows).containsOnly("gitleaks AWS c0ffee1 " + day(2) + " 3");
    }

    private static IdentityEvent finding(String scanner, String detector, long t, String commit) {
        return IdentityEvent.of(scanner + t, t, scanner, EventKind.STORED_AT)
                .credential(Events.KEY, CredentialTypes.AWS_ACCESS_KEY)
                .location(new Location(Stores.REPO_FILE, "acme/app/.env"))
                .attribute(Attributes.DETECTOR, detector)
                .attribute(Attributes.COMMIT, commit);
    }

    @Test
    void continuousRunCoalescesChangesIntoOneWritePerCheckpoint() throws Exception {
        InventorySettings settings = InventorySettings.builder().bounded(false).build();
        var h = harness(settings);
        send(h, created(day(1), "alice@example.com"));
        send(h, used(day(2), "10.0.0.1"));
        send(h, used(day(2) + 1, "10.0.0.1"));
        assertThat(records(h)).isEmpty();

        // Right before a checkpoint's barrier: the key, once, with all three changes.
        h.prepareSnapshotPreBarrier(1);
        assertThat(records(h)).hasSize(1);
        assertThat(records(h).get(0).lastUsedAt).isEqualTo(day(2) + 1);

        h.prepareSnapshotPreBarrier(2);
        assertThat(records(h)).as("no change, no write").hasSize(1);
        h.close();
    }

    @Test
    void aCheckpointHoldsNothingLeftToWriteAndABoundedRunWritesOnlyAtTheEnd() throws Exception {
        InventorySettings continuous = InventorySettings.builder().bounded(false).build();
        var h = harness(continuous);
        send(h, created(day(1), "alice@example.com"));
        h.prepareSnapshotPreBarrier(1);
        assertThat(records(h)).hasSize(1);
        OperatorSubtaskState snapshot = h.snapshot(1L, 1L);
        h.close();

        // Restored from that checkpoint, the key was written already: no write at the next one.
        var restored = harness(continuous, snapshot);
        restored.prepareSnapshotPreBarrier(2);
        assertThat(records(restored)).isEmpty();
        send(restored, used(day(2), "10.0.0.1"));
        restored.prepareSnapshotPreBarrier(3);
        assertThat(records(restored))
                .singleElement()
                .satisfies(r -> assertThat(r.lastUsedAt).isEqualTo(day(2)));
        restored.close();

        // A bounded run flushes nothing at checkpoints; it writes everything at the end.
        var bounded = harness(bounded());
        send(bounded, created(day(1), "alice@example.com"));
        bounded.prepareSnapshotPreBarrier(1);
        assertThat(records(bounded)).isEmpty();
        bounded.processWatermark(Long.MAX_VALUE);
        assertThat(records(bounded)).hasSize(1);
        bounded.close();
    }

    @Test
    void deletionWritesTheDeletedStatusThenClearsAllState() throws Exception {
        InventorySettings settings =
                InventorySettings.builder()
                        .bounded(false)
                        .deletedRetention(Duration.ofDays(7))
                        .build();
        var h = harness(settings);
        send(h, created(day(1), "alice@example.com"));
        send(h, used(day(2), "10.0.0.1"));
        send(h, deleted(day(3)));
        assertThat(h.numKeyedStateEntries()).isGreaterThan(0);
        assertThat(h.numEventTimeTimers()).isGreaterThan(0);

        // A late use inside the retention still counts.
        send(h, used(day(2) + 5, "10.0.0.3"));
        h.processWatermark(day(3) + Duration.ofDays(7).toMillis());

        CredentialRecord last = records(h).get(records(h).size() - 1);
        assertThat(last.status).isEqualTo("Deleted");
        assertThat(last.deletedAt).isEqualTo(day(3));
        assertThat(last.lastUsedAt).isEqualTo(day(2) + 5);
        assertThat(h.numKeyedStateEntries()).as("state is cleared after the retention").isZero();
        h.close();
    }

    @Test
    void restoresFromASnapshotAndContinues() throws Exception {
        var first = harness(bounded());
        send(first, created(day(1), "alice@example.com"));
        send(first, used(day(2), "10.0.0.1"));
        OperatorSubtaskState snapshot = first.snapshot(1L, 1L);
        first.close();

        var restored =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new FlushingProcessOperator<>(new CredentialFunction(bounded()), false),
                        IdentityEvent::getCredentialId,
                        Types.STRING);
        restored.initializeState(snapshot);
        restored.open();
        send(restored, used(day(9), "10.0.0.9"));
        restored.processWatermark(Long.MAX_VALUE);

        List<CredentialRecord> out = restored.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).createdBy).isEqualTo("alice@example.com");
        assertThat(out.get(0).lastUsedAt).isEqualTo(day(9));
        assertThat(out.get(0).consumerCount).isEqualTo(2);
        restored.close();
    }
}
