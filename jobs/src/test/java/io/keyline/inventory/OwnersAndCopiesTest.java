package io.keyline.inventory;

import static io.keyline.inventory.Events.KEY;
import static io.keyline.inventory.Events.USER;
import static io.keyline.inventory.Events.credential;
import static io.keyline.inventory.Events.day;
import static io.keyline.inventory.IdentityStage.credentialRecord;
import static io.keyline.inventory.IdentityStage.event;
import static io.keyline.inventory.IdentityStage.harness;
import static io.keyline.inventory.IdentityStage.side;
import static io.keyline.inventory.IdentityStage.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.Timestamps;
import io.keyline.model.Attributes;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import io.keyline.model.Location;
import io.keyline.model.OwnerSources;
import io.keyline.model.Stores;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Copies of a secret, owners resolved through the HR directory, and the rules on them. */
class OwnersAndCopiesTest {

    private static final String SECRET = "fp:0123456789abcdef0123456789abcdef";

    private static int sequence;

    private static IdentityEvent stored(long t, String store, String path) {
        return IdentityEvent.of("s" + sequence++, t, "gitleaks", EventKind.STORED_AT)
                .credential(SECRET, CredentialTypes.GENERIC_SECRET)
                .location(new Location(store, path))
                .attribute(Attributes.COMMIT, "c0ffee");
    }

    private static IdentityEvent person(
            long t, String email, String status, String manager, String endDate) {
        return IdentityEvent.of("p" + sequence++, t, "hr-people", EventKind.PERSON)
                .actor(email)
                .attribute(Attributes.EMAIL, email)
                .attribute(Attributes.PERSON_STATUS, status)
                .attribute(Attributes.MANAGER_EMAIL, manager)
                .attribute(Attributes.END_DATE, endDate)
                .attribute(Attributes.ALIASES, "dana-gh;dana.smith");
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, IdentityEvent, CredentialRecord>
            credentialStage() throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new FlushingProcessOperator<>(
                                new CredentialFunction(
                                        InventorySettings.builder().bounded(true).build()),
                                false),
                        IdentityEvent::getCredentialId,
                        Types.STRING);
        h.open();
        return h;
    }

    @Test
    void oneSecretInFourPlacesIsOneCredentialWithFourLocations() throws Exception {
        var h = credentialStage();
        for (IdentityEvent e :
                List.of(
                        stored(day(3), Stores.VAULT, "secret/ci/jenkins#DB_PASSWORD"),
                        stored(day(1), Stores.AWS_SECRETS_MANAGER, "arn:aws:secretsmanager:x"),
                        stored(day(2), Stores.K8S_SECRET, "prod/ci/db#password"),
                        stored(day(5), Stores.ENV_FILE, "acme/config:.env"),
                        stored(day(7), Stores.ENV_FILE, "acme/config:.env"))) {
            h.processElement(new StreamRecord<>(e, e.getEventTime()));
        }
        h.processWatermark(Long.MAX_VALUE);

        CredentialRecord r = h.extractOutputValues().get(0);
        assertThat(r.locationCount).isEqualTo(4);
        assertThat(r.exposedAt).isEqualTo(day(5));
        assertThat(r.exposedLocation).isEqualTo("env-file:acme/config:.env");
        List<LocationRecord> rows =
                h.getSideOutput(CredentialFunction.LOCATIONS).stream()
                        .map(StreamRecord::getValue)
                        .collect(Collectors.toList());
        assertThat(rows)
                .extracting(l -> l.store + "/" + l.managed)
                .containsExactlyInAnyOrder(
                        "vault/true",
                        "aws-secrets-manager/true",
                        "k8s-secret/true",
                        "env-file/false");
        assertThat(rows)
                .filteredOn(l -> l.store.equals(Stores.ENV_FILE))
                .singleElement()
                .satisfies(
                        l -> {
                            assertThat(l.firstSeenAt).isEqualTo(day(5));
                            assertThat(l.lastSeenAt).isEqualTo(day(7));
                            assertThat(l.sightings).isEqualTo(2);
                            assertThat(l.commit).isEqualTo("c0ffee");
                        });
        h.close();
    }

    @Test
    void theDirectoryTellsEveryCredentialOfALoginWhatItKnowsWhicheverArrivesFirst()
            throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new DirectoryFunction()),
                        IdentityEvent::getActor,
                        Types.STRING);
        h.open();
        IdentityEvent hint =
                IdentityEvent.of("h1", day(1), "gitleaks", EventKind.OWNER_HINT)
                        .credential(SECRET, CredentialTypes.GENERIC_SECRET)
                        .actor("dana-gh")
                        .attribute(Attributes.OWNER_SOURCE, OwnerSources.COMMIT_AUTHOR);
        List<IdentityEvent> keyed = new java.util.ArrayList<>();
        var collector = new org.apache.flink.api.common.functions.util.ListCollector<>(keyed);
        new DirectoryKeys().flatMap(hint, collector);
        new DirectoryKeys()
                .flatMap(
                        person(day(2), "dana@example.com", "active", "lee@example.com", null),
                        collector);
        assertThat(keyed)
                .extracting(IdentityEvent::getActor)
                .containsExactly("dana-gh", "dana@example.com", "dana-gh", "dana.smith");
        for (IdentityEvent e : keyed) {
            h.processElement(new StreamRecord<>(e, e.getEventTime()));
        }
        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.getKind()).isEqualTo(EventKind.PERSON);
                            assertThat(e.getCredentialId()).isEqualTo(SECRET);
                            assertThat(e.getActor()).isEqualTo("dana-gh");
                            assertThat(e.attribute(Attributes.EMAIL)).isEqualTo("dana@example.com");
                        });

        // The same fact again says nothing new; a departure reaches the subscriber.
        h.processElement(
                new StreamRecord<>(
                        withActor(
                                person(
                                        day(3),
                                        "dana@example.com",
                                        "active",
                                        "lee@example.com",
                                        null),
                                "dana-gh"),
                        day(3)));
        assertThat(h.extractOutputValues()).hasSize(1);
        h.processElement(
                new StreamRecord<>(
                        withActor(
                                person(
                                        day(9),
                                        "dana@example.com",
                                        "departed",
                                        "lee@example.com",
                                        "2026-06-08"),
                                "dana-gh"),
                        day(9)));
        assertThat(h.extractOutputValues())
                .extracting(e -> e.attribute(Attributes.PERSON_STATUS))
                .containsExactly("active", "departed");
        h.close();
    }

    private static IdentityEvent withActor(IdentityEvent e, String actor) {
        e.setActor(actor);
        return e;
    }

    private static IdentityEvent addressedPerson(long t, String login, String status, String end) {
        return IdentityEvent.of("d" + sequence++, t, "directory", EventKind.PERSON)
                .identity(USER)
                .actor(login)
                .attribute(Attributes.EMAIL, "dana@example.com")
                .attribute(Attributes.PERSON_STATUS, status)
                .attribute(Attributes.MANAGER_EMAIL, "lee@example.com")
                .attribute(Attributes.END_DATE, end);
    }

    @Test
    void anOwnerWhoLeavesOrphansTheActiveKeyAndTheManagerBecomesItsOwner() throws Exception {
        var h = harness(false);
        event(h, Events.ownerTag(day(0), "Dana-GH"));
        credentialRecord(h, credential(day(0), day(1), "Active"));
        event(h, addressedPerson(day(2), "dana-gh", "active", null));
        watermark(h, day(20));
        assertThat(side(h, IdentityFunction.ALERTS)).isEmpty();

        event(h, addressedPerson(day(30), "dana-gh", "departed", "2026-06-26T00:00:00Z"));
        watermark(h, day(40));

        assertThat(side(h, IdentityFunction.ALERTS))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.rule).isEqualTo(AlertRules.ORPHANED);
                            assertThat(a.eventTime)
                                    .isEqualTo(Timestamps.parse("2026-06-26T00:00:00Z"));
                            assertThat(a.owner).isEqualTo("lee@example.com");
                            assertThat(a.details).contains("\"former_owner\":\"dana@example.com\"");
                        });
        h.processWatermark1(new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));
        h.processWatermark2(new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));
        CredentialRecord written = last(side(h, IdentityFunction.CREDENTIALS));
        assertThat(written.owner).isEqualTo("lee@example.com");
        assertThat(written.ownerSource).isEqualTo(Ownership.MANAGER);
        assertThat(written.ownerStatus).isEqualTo("departed");
        assertThat(written.formerOwner).isEqualTo("dana@example.com");
        assertThat(written.ownerConfidence).isEqualTo(0.95 * 0.8);
        IdentityRecord identity = last(h.extractOutputValues());
        assertThat(identity.ownerStatus).isEqualTo("departed");
        assertThat(identity.owner).isEqualTo("lee@example.com");
        h.close();
    }

    @Test
    void aSecretFoundOutsideAManagedStoreIsExposedFromWhenItWasFound() throws Exception {
        var h = harness(false);
        CredentialRecord c = credential(day(0), null, null);
        c.exposedAt = day(4);
        c.exposedLocation = "env-file:acme/config:.env";
        c.locationCount = 2;
        credentialRecord(h, c);
        watermark(h, day(5));

        assertThat(side(h, IdentityFunction.ALERTS))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.rule).isEqualTo(AlertRules.EXPOSED);
                            assertThat(a.severity).isEqualTo("high");
                            assertThat(a.eventTime).isEqualTo(day(4));
                            assertThat(a.details).contains("env-file:acme/config:.env");
                        });

        // Once deactivated it is no longer a live exposure.
        CredentialRecord inactive = c.copy();
        inactive.status = Attributes.INACTIVE;
        inactive.exposedAt = day(6);
        credentialRecord(h, inactive);
        watermark(h, day(10));
        assertThat(side(h, IdentityFunction.ALERTS)).hasSize(1);
        h.close();
    }

    @Test
    void expiryIsReportedAheadAndANeverExpiringCredentialFromItsCreation() throws Exception {
        var h = harness(false);
        CredentialRecord expiring = credential(day(0), day(1), "Active");
        expiring.expiresAt = day(60);
        credentialRecord(h, expiring);
        watermark(h, day(29));
        assertThat(side(h, IdentityFunction.ALERTS)).isEmpty();
        watermark(h, day(31));
        assertThat(side(h, IdentityFunction.ALERTS))
                .extracting(a -> a.rule + "/" + a.severity + "@" + a.eventTime)
                .containsExactly(AlertRules.EXPIRING + "/warning@" + day(30));

        var never = harness(false);
        CredentialRecord forever = credential(day(0), day(1), "Active");
        forever.credentialId = KEY + "-never";
        forever.neverExpires = true;
        credentialRecord(never, forever);
        watermark(never, day(1));
        assertThat(side(never, IdentityFunction.ALERTS))
                .extracting(a -> a.rule + "/" + a.severity + "@" + a.eventTime)
                .containsExactly(AlertRules.EXPIRING + "/low@" + day(0));
        h.close();
        never.close();
    }

    private static <T> T last(List<T> values) {
        assertThat(values).isNotEmpty();
        return values.get(values.size() - 1);
    }
}
