package io.keyline.inventory;

import static io.keyline.inventory.Events.credential;
import static io.keyline.inventory.Events.day;
import static io.keyline.inventory.Events.granted;
import static io.keyline.inventory.Events.ownerTag;
import static io.keyline.inventory.IdentityStage.credentialRecord;
import static io.keyline.inventory.IdentityStage.event;
import static io.keyline.inventory.IdentityStage.harness;
import static io.keyline.inventory.IdentityStage.side;
import static io.keyline.inventory.IdentityStage.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The identity stage: rules on event-time timers, alert episodes, owners, restore. */
class IdentityFunctionTest {

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
    void aCredentialLearntFromAListingIsJudgedOnceTheListingsTimeHasPassed() throws Exception {
        var h = harness(false);
        event(h, granted(day(0), "arn:aws:iam::aws:policy/AdministratorAccess", "admin"));
        watermark(h, day(100));
        // The key listing of day 120 names a key made on day 50, and nothing of its use...
        CredentialRecord listed = credential(day(50), null, "Active");
        listed.firstSeenAt = day(120);
        listed.updatedAt = day(120);
        credentialRecord(h, listed);
        assertThat(side(h, IdentityFunction.ALERTS)).isEmpty();
        // ...which the credential report of the same day, read next, gives: day 110.
        CredentialRecord reported = credential(day(50), day(110), "Active");
        reported.firstSeenAt = day(120);
        reported.updatedAt = day(120);
        credentialRecord(h, reported);
        watermark(h, day(121));
        assertThat(side(h, IdentityFunction.ALERTS)).isEmpty();
        // No never-used alert ever fires for it; the due ones do, at their own times.
        watermark(h, day(201));
        assertThat(side(h, IdentityFunction.ALERTS))
                .extracting(a -> a.rule + "/" + a.severity + "@" + a.eventTime)
                .containsExactlyInAnyOrder(
                        "stale-rotation/warning@" + day(140),
                        "unused-privileged-credential/high@" + day(200));
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
                        new FlushingCoProcessOperator<>(
                                new IdentityFunction(
                                        InventorySettings.builder().bounded(false).build()),
                                true),
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
}
