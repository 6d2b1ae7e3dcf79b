package io.keyline.inventory;

import static io.keyline.inventory.Events.credential;
import static io.keyline.inventory.Events.day;
import static io.keyline.inventory.Events.granted;
import static io.keyline.inventory.IdentityStage.credentialRecord;
import static io.keyline.inventory.IdentityStage.event;
import static io.keyline.inventory.IdentityStage.harness;
import static io.keyline.inventory.IdentityStage.mapEntries;
import static io.keyline.inventory.IdentityStage.side;
import static io.keyline.inventory.IdentityStage.slotEvent;
import static io.keyline.inventory.IdentityStage.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.model.Attributes;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The identity stage: grants, full listings, credential-report slots, and what it forgets. */
class IdentityGrantsAndSlotsTest {

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
    void aGrantTakenAwayDeletesTheReachRowsItGaveEvenWhenTheTierStaysTheSame() throws Exception {
        var h = harness(false);
        event(
                h,
                granted(day(1), "arn:aws:iam::111122223333:policy/reports-ro", "read")
                        .attribute(Attributes.RESOURCES, "arn:aws:s3:::reports"));
        event(
                h,
                granted(day(1), "arn:aws:iam::111122223333:policy/exports-ro", "read")
                        .attribute(Attributes.RESOURCES, "arn:aws:s3:::exports"));
        credentialRecord(h, credential(day(0), null, "Active"));
        h.prepareSnapshotPreBarrier(10);
        assertThat(side(h, IdentityFunction.REACH))
                .extracting(r -> r.resource + (r.deleted ? " deleted" : ""))
                .containsExactlyInAnyOrder("arn:aws:s3:::reports", "arn:aws:s3:::exports");

        // The reports policy is detached: the tier is still read (the other policy), and no fact
        // of the credential itself comes after; its row of the reports bucket goes all the same.
        event(
                h,
                granted(day(2), "arn:aws:iam::111122223333:policy/reports-ro", null)
                        .attribute(Attributes.REVOKED, "true"));
        h.prepareSnapshotPreBarrier(20);
        assertThat(side(h, IdentityFunction.REACH))
                .extracting(r -> r.resource + (r.deleted ? " deleted" : ""))
                .containsExactlyInAnyOrder(
                        "arn:aws:s3:::reports",
                        "arn:aws:s3:::exports",
                        "arn:aws:s3:::exports",
                        "arn:aws:s3:::reports deleted");
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
    void grantedResourcesAreThePatternsOfTheGrantsThatStillCount() throws Exception {
        var h = harness(true);
        event(
                h,
                granted(day(1), "arn:aws:iam::aws:policy/AmazonS3FullAccess", "high")
                        .attribute(Attributes.RESOURCES, "arn:aws:s3:::*"));
        event(
                h,
                granted(day(1), "arn:aws:iam::111122223333:policy/ledger", "write")
                        .attribute(
                                Attributes.RESOURCES,
                                "arn:aws:s3:::ledger-*, arn:aws:dynamodb:*:table/ledger, arn:aws:s3:::ledger-*"));
        event(
                h,
                granted(day(2), "arn:aws:iam::aws:policy/AmazonS3FullAccess", null)
                        .attribute(Attributes.REVOKED, "true"));
        watermark(h, Long.MAX_VALUE);
        List<IdentityRecord> written = h.extractOutputValues();
        // Sorted and distinct, without the revoked grant's pattern.
        assertThat(written.get(written.size() - 1).grantedResources)
                .containsExactly("arn:aws:dynamodb:*:table/ledger", "arn:aws:s3:::ledger-*");
        h.close();
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
    void aDeletedCredentialIsRewrittenWhenItsIdentityChangesUntilItsRetentionEnds()
            throws Exception {
        var h = harness(false);
        credentialRecord(h, credential(day(0), day(1), "Active"));
        h.prepareSnapshotPreBarrier(5);
        assertThat(mapEntries(h, "credentials", CredentialEntry.class)).isOne();
        assertThat(h.extractOutputValues())
                .last()
                .satisfies(i -> assertThat(i.credentialCount).isOne());

        CredentialRecord deleted = credential(day(0), day(1), "Deleted");
        deleted.deletedAt = day(2);
        credentialRecord(h, deleted);
        h.prepareSnapshotPreBarrier(10);
        assertThat(side(h, IdentityFunction.CREDENTIALS))
                .last()
                .satisfies(c -> assertThat(c.status).isEqualTo("Deleted"));
        assertThat(h.extractOutputValues())
                .last()
                .satisfies(i -> assertThat(i.credentialCount).isZero());

        // The identity's listing reaches this stage after the deletion: the deleted key's last
        // row still gets the tier it had, whatever came first.
        event(h, granted(day(1), "arn:aws:iam::aws:policy/AdministratorAccess", "admin"));
        h.prepareSnapshotPreBarrier(15);
        assertThat(side(h, IdentityFunction.CREDENTIALS))
                .last()
                .satisfies(
                        c -> {
                            assertThat(c.status).isEqualTo("Deleted");
                            assertThat(c.privilegeTier).isEqualTo("admin");
                        });
        assertThat(mapEntries(h, "credentials", CredentialEntry.class)).isOne();

        // Forgotten once the watermark passes the deleted-retention period (seven days).
        watermark(h, day(2) + java.time.Duration.ofDays(7).toMillis());
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

    @Test
    void reachRowsTheCredentialNoLongerHasAreDeleted() throws Exception {
        var h = harness(false);
        event(
                h,
                granted(day(1), "arn:aws:iam::aws:policy/AmazonS3FullAccess", "high")
                        .attribute(Attributes.RESOURCES, "arn:aws:s3:::*"));
        CredentialRecord c = Events.credential(day(0), day(2), "Active");
        c.observedResources.add(
                new ObservedResource("arn:aws:s3:::reports", day(2), "s3:GetObject"));
        credentialRecord(h, c);
        h.prepareSnapshotPreBarrier(5);
        assertThat(side(h, IdentityFunction.REACH))
                .extracting(r -> r.resource + (r.deleted ? " deleted" : ""))
                .containsExactlyInAnyOrder("arn:aws:s3:::*", "arn:aws:s3:::reports");

        // A listing without the grant supersedes it, and the resource is no longer kept.
        event(
                h,
                granted(day(3), "arn:aws:iam::aws:policy/ReadOnlyAccess", "read")
                        .attribute(Attributes.SNAPSHOT, Attributes.FULL));
        CredentialRecord later = Events.credential(day(0), day(3), "Active");
        later.observedResources.add(
                new ObservedResource("arn:aws:s3:::exports", day(3), "s3:PutObject"));
        credentialRecord(h, later);
        h.prepareSnapshotPreBarrier(10);
        List<ReachRecord> rows = side(h, IdentityFunction.REACH);
        assertThat(rows.subList(2, rows.size()))
                .extracting(r -> r.resource + (r.deleted ? " deleted" : ""))
                .containsExactlyInAnyOrder(
                        "arn:aws:s3:::exports",
                        "arn:aws:s3:::* deleted",
                        "arn:aws:s3:::reports deleted");
        h.close();
    }
}
