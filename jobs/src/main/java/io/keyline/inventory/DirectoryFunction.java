package io.keyline.inventory;

import io.keyline.format.EventIds;
import io.keyline.model.Attributes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The HR directory, keyed by login (an e-mail address or an alias, in lower case). It holds what
 * the directory last said of the person behind the login, and which credentials and identities name
 * the login as a candidate owner (their creator, an owner tag, a commit author). It tells each of
 * them what the directory says, at once when both are known and again whenever the person changes
 * (leaves, gets a new manager), as {@code PERSON} events addressed to that credential or identity.
 *
 * <p>A join keyed by login, rather than the directory broadcast to the identity stage, keeps one
 * copy of each person in state however wide the job runs, and lets a departure reach every
 * credential of the person as an ordinary keyed event, which can set event-time timers.
 */
@Internal
public class DirectoryFunction extends KeyedProcessFunction<String, IdentityEvent, IdentityEvent> {

    private static final long serialVersionUID = 1L;

    static final String SOURCE = "directory";

    private transient ValueState<PersonFact> person;
    private transient MapState<String, Boolean> subscribers;

    @Override
    public void open(Configuration parameters) {
        person =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>("person", Types.POJO(PersonFact.class)));
        subscribers =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "subscribers", Types.STRING, Types.BOOLEAN));
    }

    @Override
    public void processElement(IdentityEvent event, Context ctx, Collector<IdentityEvent> out)
            throws Exception {
        String login = ctx.getCurrentKey();
        if (isDirectoryEntry(event)) {
            PersonFact fact = PersonFact.of(event, login);
            PersonFact held = person.value();
            if (held != null && (fact.time < held.time || fact.sameAs(held))) {
                return;
            }
            person.update(fact);
            for (String target : subscribers.keys()) {
                out.collect(addressed(target, fact));
            }
            return;
        }
        String target = target(event);
        if (target == null || subscribers.contains(target)) {
            return;
        }
        subscribers.put(target, Boolean.TRUE);
        PersonFact held = person.value();
        if (held != null) {
            out.collect(addressed(target, held));
        }
    }

    /** A {@code PERSON} event straight from a directory, not yet addressed to anything. */
    static boolean isDirectoryEntry(IdentityEvent e) {
        return e.getKind() == EventKind.PERSON
                && e.getCredentialId() == null
                && e.getIdentityId() == null;
    }

    /**
     * True for an event that names a candidate owner the directory should resolve: owner evidence,
     * or the creation of a credential or identity by someone.
     */
    static boolean isOwnerEvidence(IdentityEvent e) {
        return (e.getKind() == EventKind.OWNER_HINT || e.getKind() == EventKind.CREATED)
                && e.getActor() != null
                && (e.getCredentialId() != null || e.getIdentityId() != null);
    }

    private static String target(IdentityEvent e) {
        if (e.getCredentialId() != null) {
            return "c:" + e.getCredentialId();
        }
        return e.getIdentityId() == null ? null : "i:" + e.getIdentityId();
    }

    private static IdentityEvent addressed(String target, PersonFact f) {
        IdentityEvent e =
                IdentityEvent.of(
                        EventIds.hashed(
                                SOURCE,
                                target,
                                f.login,
                                f.status,
                                f.managerEmail,
                                String.valueOf(f.endDate),
                                String.valueOf(f.time)),
                        f.time,
                        SOURCE,
                        EventKind.PERSON);
        String id = target.substring(2);
        if (target.startsWith("c:")) {
            e.setCredentialId(id);
        } else {
            e.setIdentityId(id);
        }
        return e.actor(f.login)
                .attribute(Attributes.PERSON_ID, f.personId)
                .attribute(Attributes.EMAIL, f.email)
                .attribute(Attributes.NAME, f.name)
                .attribute(Attributes.PERSON_STATUS, f.status)
                .attribute(Attributes.MANAGER_EMAIL, f.managerEmail)
                .attribute(
                        Attributes.END_DATE,
                        f.endDate == null ? null : io.keyline.format.Timestamps.iso(f.endDate));
    }
}
