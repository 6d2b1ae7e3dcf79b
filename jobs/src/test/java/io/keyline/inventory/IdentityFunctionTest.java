package io.keyline.inventory;

import static io.keyline.inventory.Events.credential;
import static io.keyline.inventory.Events.day;
import static io.keyline.inventory.Events.granted;
import static io.keyline.inventory.Events.ownerTag;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.model.Attributes;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

class IdentityFunctionTest {

    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, IdentityEvent, CredentialRecord, IdentityRecord>
            harness(boolean bounded) throws Exception {
        var h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(
                                new IdentityFunction(
                                        InventorySettings.builder().bounded(bounded).build())),
                        IdentityEvent::getIdentityId,
                        InventoryJob::identityKey,
                        Types.STRING);
        h.open();
        return h;
    }

    private static void watermark(
            KeyedTwoInputStreamOperatorTestHarness<String, IdentityEvent, CredentialRecord, ?> h,
            long t)
            throws Exception {
        h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(t));
    }

    private static void event(
            KeyedTwoInputStreamOperatorTestHarness<String, IdentityEvent, CredentialRecord, ?> h,
            IdentityEvent e)
            throws Exception {
        h.processElement1(new StreamRecord<>(e, e.getEventTime()));
    }

    private static void credentialRecord(
            KeyedTwoInputStreamOperatorTestHarness<String, IdentityEvent, CredentialRecord, ?> h,
            CredentialRecord c)
            throws Exception {
        h.processElement2(new StreamRecord<>(c, c.updatedAt));
    }

    private static <T> List<T> side(
            KeyedTwoInputStreamOperatorTestHarness<
                            String, IdentityEvent, CredentialRecord, IdentityRecord>
                    h,
            OutputTag<T> tag) {
        var records = h.getSideOutput(tag);
        return records == null
                ? List.of()
                : records.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    @Test
    void privilegedKeyUnusedForNinetyDaysFiresWhenTheWatermarkPassesItsDeadline() throws Exception {
        var h = harness(false);
        event(h, granted(day(0), "arn:aws:iam::aws:policy/AdministratorAccess", "admin"));
        credentialRecord(h, credential(day(0), day(10), "Active"));

        watermark(h, day(99));
        assertThat(side(h, IdentityFunction.ALERTS))
                .extracting(a -> a.rule + "/" + a.severity)
                .containsExactly("stale-rotation/warning");

        watermark(h, day(101));
        List<AlertRecord> alerts = side(h, IdentityFunction.ALERTS);
        assertThat(alerts)
                .filteredOn(a -> a.rule.equals(AlertRules.UNUSED_PRIVILEGED))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.eventTime).isEqualTo(day(100));
                            assertThat(a.severity).isEqualTo("high");
                            assertThat(a.privilegeTier).isEqualTo("admin");
                        });
        assertThat(alerts)
                .filteredOn(a -> a.rule.equals(AlertRules.STALE_ROTATION))
                .singleElement()
                .satisfies(a -> assertThat(a.eventTime).isEqualTo(day(90)));

        // Once per episode: a later watermark does not repeat it.
        watermark(h, day(200));
        assertThat(side(h, IdentityFunction.ALERTS))
                .filteredOn(a -> a.rule.equals(AlertRules.UNUSED_PRIVILEGED))
                .hasSize(1);
        h.close();
    }

    @Test
    void aNewUseClearsTheConditionAndRearmsTheRule() throws Exception {
        var h = harness(false);
        event(h, granted(day(0), "arn:aws:iam::aws:policy/AdministratorAccess", "admin"));
        credentialRecord(h, credential(day(0), day(10), "Active"));
        watermark(h, day(101));
        credentialRecord(h, credential(day(0), day(150), "Active"));
        watermark(h, day(239));
        assertThat(side(h, IdentityFunction.ALERTS))
                .filteredOn(a -> a.rule.equals(AlertRules.UNUSED_PRIVILEGED))
                .hasSize(1);
        watermark(h, day(241));
        assertThat(side(h, IdentityFunction.ALERTS))
                .filteredOn(a -> a.rule.equals(AlertRules.UNUSED_PRIVILEGED))
                .extracting(a -> a.eventTime)
                .containsExactly(day(100), day(240));
        h.close();
    }

    @Test
    void unprivilegedOrInactiveKeysRaiseNoUnusedAlert() throws Exception {
        var h = harness(false);
        event(h, granted(day(0), "arn:aws:iam::aws:policy/ReadOnlyAccess", "read"));
        credentialRecord(h, credential(day(50), day(51), "Active"));
        watermark(h, day(200));
        assertThat(side(h, IdentityFunction.ALERTS))
                .extracting(a -> a.rule)
                .containsExactly(AlertRules.STALE_ROTATION);

        var inactive = harness(false);
        event(inactive, granted(day(0), "arn:aws:iam::aws:policy/AdministratorAccess", "admin"));
        credentialRecord(inactive, credential(day(0), day(1), "Inactive"));
        watermark(inactive, day(500));
        assertThat(side(inactive, IdentityFunction.ALERTS)).isEmpty();
        h.close();
        inactive.close();
    }

    @Test
    void theFinalWatermarkRoutesAlertsToTheAsOfGate() throws Exception {
        var h = harness(true);
        event(h, granted(day(0), "arn:aws:iam::aws:policy/AdministratorAccess", "admin"));
        credentialRecord(h, credential(day(0), day(10), "Active"));
        watermark(h, Long.MAX_VALUE);
        assertThat(side(h, IdentityFunction.ALERTS)).isEmpty();
        assertThat(side(h, IdentityFunction.ALERTS_AT_END))
                .extracting(a -> a.rule + "/" + a.severity + "@" + a.eventTime)
                .containsExactlyInAnyOrder(
                        "unused-privileged-credential/high@" + day(100),
                        "stale-rotation/warning@" + day(90),
                        "stale-rotation/high@" + day(365));
        h.close();
    }

    @Test
    void writesCredentialsWithTheIdentitysTierAndOwner() throws Exception {
        var h = harness(true);
        CredentialRecord c = credential(day(0), day(3), "Active");
        c.createdBy = "bob@example.com";
        credentialRecord(h, c);
        event(h, granted(day(1), "arn:aws:iam::aws:policy/PowerUserAccess", "high"));
        watermark(h, Long.MAX_VALUE);

        CredentialRecord written = side(h, IdentityFunction.CREDENTIALS).get(0);
        assertThat(written.privilegeTier).isEqualTo("high");
        assertThat(written.owner).isEqualTo("bob@example.com");
        assertThat(written.ownerSource).isEqualTo("creator");
        IdentityRecord identity = h.extractOutputValues().get(0);
        assertThat(identity.privilegeTier).isEqualTo("high");
        assertThat(identity.credentialCount).isEqualTo(1);
        assertThat(identity.activeCredentialCount).isEqualTo(1);

        var tagged = harness(true);
        credentialRecord(tagged, c);
        event(tagged, ownerTag(day(2), "team-billing@example.com"));
        watermark(tagged, Long.MAX_VALUE);
        assertThat(side(tagged, IdentityFunction.CREDENTIALS).get(0).owner)
                .isEqualTo("team-billing@example.com");
        assertThat(tagged.extractOutputValues().get(0).ownerSource).isEqualTo("tag");
        h.close();
        tagged.close();
    }

    @Test
    void aKeySlotOfTheCredentialReportGivesTheMatchingKeyItsLastUse() throws Exception {
        var h = harness(true);
        credentialRecord(h, credential(day(0), null, "Active"));
        IdentityEvent slot =
                IdentityEvent.of("slot", day(400), "aws-credential-report", EventKind.OBSERVED)
                        .credential(null, CredentialTypes.AWS_ACCESS_KEY)
                        .identity(Events.USER)
                        .attribute(Attributes.SLOT, "1")
                        .attribute(Attributes.CREATED_AT, "2026-06-01T00:00:00+00:00")
                        .attribute(Attributes.LAST_USED_AT, "2026-07-01T00:00:00+00:00")
                        .attribute(Attributes.LAST_USED_ACTION, "s3");
        event(h, slot);
        watermark(h, Long.MAX_VALUE);
        CredentialRecord written = side(h, IdentityFunction.CREDENTIALS).get(0);
        assertThat(written.lastUsedAt).isEqualTo(day(30));
        assertThat(written.lastUsedAction).isEqualTo("s3");
        h.close();
    }

    @Test
    void revokingTheOnlyPrivilegedGrantLowersTheTier() throws Exception {
        var h = harness(true);
        event(h, granted(day(1), "arn:aws:iam::aws:policy/AdministratorAccess", "admin"));
        event(h, granted(day(1), "arn:aws:iam::aws:policy/ReadOnlyAccess", "read"));
        event(
                h,
                granted(day(2), "arn:aws:iam::aws:policy/AdministratorAccess", null)
                        .attribute(Attributes.REVOKED, "true"));
        watermark(h, Long.MAX_VALUE);
        assertThat(h.extractOutputValues().get(0).privilegeTier).isEqualTo("read");
        h.close();
    }

    @Test
    void aFullListingSupersedesGrantsItNoLongerShows() throws Exception {
        var h = harness(true);
        // CloudTrail saw an admin policy attached on day 1; the listing of day 5 no longer has it.
        event(h, granted(day(1), "arn:aws:iam::aws:policy/AdministratorAccess", "admin"));
        event(
                h,
                granted(day(5), "arn:aws:iam::aws:policy/ReadOnlyAccess", "read")
                        .attribute(Attributes.SNAPSHOT, Attributes.FULL));
        watermark(h, Long.MAX_VALUE);
        assertThat(h.extractOutputValues().get(0).privilegeTier).isEqualTo("read");

        // A grant seen after the listing still counts.
        var later = harness(true);
        event(
                later,
                granted(day(5), "arn:aws:iam::aws:policy/ReadOnlyAccess", "read")
                        .attribute(Attributes.SNAPSHOT, Attributes.FULL));
        event(later, granted(day(6), "arn:aws:iam::aws:policy/AdministratorAccess", "admin"));
        watermark(later, Long.MAX_VALUE);
        assertThat(later.extractOutputValues().get(0).privilegeTier).isEqualTo("admin");
        h.close();
        later.close();
    }

    @Test
    void aListingWithNoGrantsLeavesNoPrivilege() throws Exception {
        var h = harness(true);
        event(h, granted(day(1), "arn:aws:iam::aws:policy/AdministratorAccess", "admin"));
        event(
                h,
                IdentityEvent.of("listed", day(5), "aws-authorization-details", EventKind.OBSERVED)
                        .identity(Events.USER)
                        .attribute(Attributes.SNAPSHOT, Attributes.FULL));
        watermark(h, Long.MAX_VALUE);
        assertThat(h.extractOutputValues().get(0).privilegeTier).isEqualTo("none");
        h.close();
    }

    @Test
    void aNewerReportSlotGivesTheMatchingKeyItsStatus() throws Exception {
        var h = harness(true);
        CredentialRecord c = credential(day(0), day(2), "Active");
        c.statusAt = day(2);
        credentialRecord(h, c);
        event(
                h,
                IdentityEvent.of("slot", day(10), "aws-credential-report", EventKind.OBSERVED)
                        .credential(null, CredentialTypes.AWS_ACCESS_KEY)
                        .identity(Events.USER)
                        .attribute(Attributes.SLOT, "1")
                        .attribute(Attributes.CREATED_AT, "2026-06-01T00:00:00+00:00")
                        .attribute(Attributes.STATUS, "Inactive"));
        watermark(h, Long.MAX_VALUE);
        assertThat(side(h, IdentityFunction.CREDENTIALS).get(0).status).isEqualTo("Inactive");
        assertThat(h.extractOutputValues().get(0).activeCredentialCount).isZero();
        h.close();
    }

    @Test
    void theAccountRootIsAdminWithoutAnyGrant() throws Exception {
        var h = harness(true);
        event(
                h,
                IdentityEvent.of("root-use", day(1), "cloudtrail", EventKind.USED)
                        .identity("arn:aws:iam::111122223333:root"));
        watermark(h, Long.MAX_VALUE);
        IdentityRecord root = h.extractOutputValues().get(0);
        assertThat(root.privilegeTier).isEqualTo("admin");
        assertThat(root.identityType).isEqualTo("root");
        assertThat(root.lastUsedAt).isEqualTo(day(1));
        h.close();
    }

    @Test
    void aCredentialOfUnknownIdentityIsWrittenButMakesNoIdentityRow() throws Exception {
        var h = harness(true);
        CredentialRecord orphan = credential(day(0), day(1), "Active");
        orphan.identityId = null;
        credentialRecord(h, orphan);
        watermark(h, Long.MAX_VALUE);
        assertThat(side(h, IdentityFunction.CREDENTIALS)).hasSize(1);
        assertThat(h.extractOutputValues()).isEmpty();
        h.close();
    }

    @Test
    void theOwnerTagBeatsTheCreatorOfTheKeyWhichBeatsTheCreatorOfTheIdentity() throws Exception {
        var h = harness(true);
        event(
                h,
                IdentityEvent.of("user-created", day(0), "cloudtrail", EventKind.CREATED)
                        .identity(Events.USER)
                        .actor("ana@example.com"));
        CredentialRecord c = credential(day(1), day(2), "Active");
        credentialRecord(h, c);
        watermark(h, Long.MAX_VALUE);
        assertThat(side(h, IdentityFunction.CREDENTIALS).get(0).owner).isEqualTo("ana@example.com");

        var keyCreator = harness(true);
        event(
                keyCreator,
                IdentityEvent.of("user-created", day(0), "cloudtrail", EventKind.CREATED)
                        .identity(Events.USER)
                        .actor("ana@example.com"));
        CredentialRecord created = credential(day(1), day(2), "Active");
        created.createdBy = "ben@example.com";
        credentialRecord(keyCreator, created);
        event(keyCreator, ownerTag(day(3), "team-lead@example.com"));
        watermark(keyCreator, Long.MAX_VALUE);
        assertThat(side(keyCreator, IdentityFunction.CREDENTIALS))
                .extracting(w -> w.owner + "/" + w.ownerSource)
                .last()
                .isEqualTo("team-lead@example.com/tag");
        h.close();
        keyCreator.close();
    }

    @Test
    void aCredentialArrivingAfterTheWatermarkPassedItsDeadlineFiresAtOnce() throws Exception {
        var h = harness(false);
        event(h, granted(day(0), "arn:aws:iam::aws:policy/AdministratorAccess", "admin"));
        watermark(h, day(100));
        credentialRecord(h, credential(day(50), null, "Active"));
        assertThat(side(h, IdentityFunction.ALERTS))
                .extracting(a -> a.rule + "@" + a.eventTime)
                .containsExactly("unused-privileged-credential@" + day(57));
        h.close();
    }

    @Test
    void grantsAndFiredEpisodesSurviveASnapshot() throws Exception {
        var first = harness(false);
        event(first, granted(day(0), "arn:aws:iam::aws:policy/AdministratorAccess", "admin"));
        credentialRecord(first, credential(day(0), day(10), "Active"));
        watermark(first, day(101));
        assertThat(side(first, IdentityFunction.ALERTS))
                .filteredOn(a -> a.rule.equals(AlertRules.UNUSED_PRIVILEGED))
                .hasSize(1);
        var snapshot = first.snapshot(1L, 1L);
        first.close();

        var restored =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(
                                new IdentityFunction(
                                        InventorySettings.builder().bounded(false).build())),
                        IdentityEvent::getIdentityId,
                        InventoryJob::identityKey,
                        Types.STRING);
        restored.initializeState(snapshot);
        restored.open();
        watermark(restored, day(380));
        // The unused episode already fired before the snapshot; the privileged tier survived, so
        // the high stale-rotation alert is due.
        assertThat(side(restored, IdentityFunction.ALERTS))
                .extracting(a -> a.rule + "/" + a.severity)
                .containsExactly("stale-rotation/high");
        restored.close();
    }

    /** The number of entries of one map state of the test identity. */
    private static int mapEntries(
            KeyedTwoInputStreamOperatorTestHarness<String, IdentityEvent, CredentialRecord, ?> h,
            String name,
            Class<?> valueType)
            throws Exception {
        h.getOperator().setCurrentKey(Events.USER);
        var state =
                h.getOperator()
                        .getKeyedStateBackend()
                        .getPartitionedState(
                                org.apache.flink.runtime.state.VoidNamespace.INSTANCE,
                                org.apache.flink.runtime.state.VoidNamespaceSerializer.INSTANCE,
                                new org.apache.flink.api.common.state.MapStateDescriptor<>(
                                        name, Types.STRING, Types.POJO(valueType)));
        int n = 0;
        for (var ignored : state.keys()) {
            n++;
        }
        return n;
    }

    @Test
    void aDeletedCredentialIsWrittenOnceMoreThenForgotten() throws Exception {
        var h = harness(false);
        credentialRecord(h, credential(day(0), day(1), "Active"));
        h.setProcessingTime(5_000);
        assertThat(mapEntries(h, "credentials", CredentialEntry.class)).isOne();
        assertThat(h.extractOutputValues())
                .last()
                .satisfies(i -> assertThat(i.credentialCount).isOne());

        CredentialRecord deleted = credential(day(0), day(1), "Deleted");
        deleted.deletedAt = day(2);
        credentialRecord(h, deleted);
        h.setProcessingTime(10_000);
        assertThat(side(h, IdentityFunction.CREDENTIALS))
                .last()
                .satisfies(c -> assertThat(c.status).isEqualTo("Deleted"));
        assertThat(h.extractOutputValues())
                .last()
                .satisfies(i -> assertThat(i.credentialCount).isZero());
        assertThat(mapEntries(h, "credentials", CredentialEntry.class)).isZero();
        h.close();
    }

    @Test
    void grantsAListingSupersedesLeaveTheState() throws Exception {
        var h = harness(true);
        event(h, granted(day(1), "arn:aws:iam::aws:policy/AdministratorAccess", "admin"));
        event(h, granted(day(1), "arn:aws:iam::aws:policy/AmazonS3FullAccess", "high"));
        assertThat(mapEntries(h, "grants", Grant.class)).isEqualTo(2);
        event(
                h,
                IdentityEvent.of("listed", day(5), "aws-authorization-details", EventKind.OBSERVED)
                        .identity(Events.USER)
                        .attribute(Attributes.SNAPSHOT, Attributes.FULL));
        assertThat(mapEntries(h, "grants", Grant.class)).isZero();
        h.close();
    }

    @Test
    void aNewerReportReplacesTheKeySlotsOfAnOlderOne() throws Exception {
        var h = harness(true);
        credentialRecord(h, credential(day(0), null, "Active"));
        event(
                h,
                slotEvent(
                        "old", day(10), "2026-06-01T00:00:00+00:00", "2026-06-05T00:00:00+00:00"));
        event(
                h,
                slotEvent("other", day(10), "2026-05-01T00:00:00+00:00", null)
                        .attribute(Attributes.SLOT, "2"));
        assertThat(mapEntries(h, "key-slots", KeySlot.class)).isEqualTo(2);
        event(
                h,
                slotEvent(
                        "new", day(20), "2026-06-01T00:00:00+00:00", "2026-06-15T00:00:00+00:00"));
        // An older report arriving late changes nothing.
        event(
                h,
                slotEvent(
                        "late", day(15), "2026-06-01T00:00:00+00:00", "2026-06-30T00:00:00+00:00"));
        assertThat(mapEntries(h, "key-slots", KeySlot.class)).isOne();
        watermark(h, Long.MAX_VALUE);
        assertThat(side(h, IdentityFunction.CREDENTIALS).get(0).lastUsedAt).isEqualTo(day(14));
        h.close();
    }

    private static IdentityEvent slotEvent(String id, long at, String created, String lastUsed) {
        return IdentityEvent.of(id, at, "aws-credential-report", EventKind.OBSERVED)
                .credential(null, CredentialTypes.AWS_ACCESS_KEY)
                .identity(Events.USER)
                .attribute(Attributes.SLOT, "1")
                .attribute(Attributes.CREATED_AT, created)
                .attribute(Attributes.LAST_USED_AT, lastUsed);
    }
}
