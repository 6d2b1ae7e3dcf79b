package io.keyline.inventory;

import io.keyline.format.Timestamps;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import io.keyline.model.PrivilegeTier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The identity stage, keyed by identity id. Input 1 is the identity's own events (grants, trust,
 * owner evidence, creation, session use, key slots); input 2 is the records of its credentials from
 * the credential stage. It holds privilege and ownership, writes the {@code identities} row (main
 * output) and, because tier and owner belong to the identity, the final {@code credentials} rows
 * ({@link #CREDENTIALS}) and {@code credential_reach} rows ({@link #REACH}).
 *
 * <p>It evaluates the alert rules with event-time timers at each rule's deadline. An alert fired by
 * a real watermark goes to {@link #ALERTS}; one fired by the final watermark (end of a bounded
 * input, or a drain) goes to {@link #ALERTS_AT_END}, where the as-of gate keeps only those due by
 * the as-of time.
 */
@Internal
public class IdentityFunction
        extends KeyedCoProcessFunction<String, IdentityEvent, CredentialRecord, IdentityRecord>
        implements Flushable<IdentityRecord> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<CredentialRecord> CREDENTIALS =
            new OutputTag<>("credentials", Types.POJO(CredentialRecord.class)) {};
    public static final OutputTag<ReachRecord> REACH =
            new OutputTag<>("credential-reach", Types.POJO(ReachRecord.class)) {};
    public static final OutputTag<AlertRecord> ALERTS =
            new OutputTag<>("alerts", Types.POJO(AlertRecord.class)) {};
    public static final OutputTag<AlertRecord> ALERTS_AT_END =
            new OutputTag<>("alerts-at-end", Types.POJO(AlertRecord.class)) {};

    private static final int MAX_TRUSTS = 64;

    /** Resource patterns kept in an identity's {@code granted_resources}. */
    private static final int MAX_GRANTED_RESOURCES = 64;

    private final InventorySettings settings;

    private transient ValueState<IdentityState> state;
    private transient MapState<String, Grant> grants;
    private transient MapState<String, CredentialEntry> credentials;
    private transient MapState<String, KeySlot> slots;
    private transient Counter eventsIn;
    private transient Counter credentialRecordsIn;

    public IdentityFunction(InventorySettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(Configuration parameters) {
        var ctx = getRuntimeContext();
        state =
                ctx.getState(
                        new ValueStateDescriptor<>("identity", Types.POJO(IdentityState.class)));
        grants =
                ctx.getMapState(
                        new MapStateDescriptor<>("grants", Types.STRING, Types.POJO(Grant.class)));
        credentials =
                ctx.getMapState(
                        new MapStateDescriptor<>(
                                "credentials", Types.STRING, Types.POJO(CredentialEntry.class)));
        slots =
                ctx.getMapState(
                        new MapStateDescriptor<>(
                                "key-slots", Types.STRING, Types.POJO(KeySlot.class)));
        eventsIn = ctx.getMetricGroup().counter("eventsIn");
        credentialRecordsIn = ctx.getMetricGroup().counter("credentialRecordsIn");
    }

    @Override
    public void processElement1(IdentityEvent event, Context ctx, Collector<IdentityRecord> out)
            throws Exception {
        eventsIn.inc();
        IdentityState s = current(ctx.getCurrentKey());
        IdentityRecord r = s.record;
        long t = event.getEventTime();
        r.updatedAt = Math.max(r.updatedAt, t);
        if (event.getKind() != EventKind.PERSON) {
            describe(r, event);
        }
        // True when what every credential of the identity shows may have changed: the tier, the
        // owner, or the grants (and so each credential's reach).
        boolean credentialsChanged = false;
        switch (event.getKind()) {
            case CREATED:
                if (!s.creationSeen || r.createdAt == null || t < r.createdAt) {
                    r.createdAt = t;
                    r.createdBy = event.getActor();
                    s.creationSeen = true;
                    credentialsChanged = true;
                }
                break;
            case DELETED:
                r.deletedAt = r.deletedAt == null ? t : Math.min(r.deletedAt, t);
                break;
            case OBSERVED:
                observe(s, event);
                credentialsChanged = Privileges.noteSnapshot(s, grants, event);
                break;
            case USED:
                r.lastUsedAt = r.lastUsedAt == null ? t : Math.max(r.lastUsedAt, t);
                break;
            case GRANTED:
                boolean snapshotMoved = Privileges.noteSnapshot(s, grants, event);
                credentialsChanged = Privileges.grant(s, grants, event) | snapshotMoved;
                break;
            case TRUSTS:
                if (event.getResource() != null
                        && !s.trusts.contains(event.getResource())
                        && s.trusts.size() < MAX_TRUSTS) {
                    s.trusts.add(event.getResource());
                }
                break;
            case OWNER_HINT:
                credentialsChanged =
                        Ownership.note(
                                s.evidence,
                                event.getActor(),
                                event.attribute(Attributes.OWNER_SOURCE),
                                t);
                break;
            case PERSON:
                credentialsChanged =
                        Ownership.note(
                                s.people,
                                PersonFact.of(event, Ownership.normalize(event.getActor())));
                break;
            default:
                break;
        }
        if (credentialsChanged) {
            markAllCredentialsDirty();
        }
        s.dirty = true;
        state.update(s);
        Flushes.schedule(ctx.timerService());
        // Rule deadlines move only with the tier, the owner and the key slots; the frequent events
        // of an identity (its sessions' use) leave them as they are.
        if (event.getKind() == EventKind.GRANTED
                || event.getKind() == EventKind.OBSERVED
                || credentialsChanged) {
            scheduleRules(s, ctx);
        }
    }

    @Override
    public void processElement2(
            CredentialRecord credential, Context ctx, Collector<IdentityRecord> out)
            throws Exception {
        credentialRecordsIn.inc();
        IdentityState s = current(ctx.getCurrentKey());
        CredentialEntry entry = credentials.get(credential.credentialId);
        if (entry == null) {
            entry = new CredentialEntry();
        }
        entry.record = credential;
        entry.dirty = true;
        credentials.put(credential.credentialId, entry);
        if (Attributes.DELETED.equals(credential.status) && credential.deletedAt != null) {
            ctx.timerService().registerEventTimeTimer(forgetAt(credential));
        }
        if (s.record.account == null) {
            s.record.account = credential.account;
        }
        s.record.updatedAt = Math.max(s.record.updatedAt, credential.updatedAt);
        s.dirty = true;
        state.update(s);
        Flushes.schedule(ctx.timerService());
        scheduleRules(s, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IdentityRecord> out)
            throws Exception {
        IdentityState s = state.value();
        if (s == null) {
            return;
        }
        if (ctx.timeDomain() == org.apache.flink.streaming.api.TimeDomain.EVENT_TIME) {
            if (s.nextRuleTimer != null && s.nextRuleTimer <= timestamp) {
                s.nextRuleTimer = null;
            }
            // Everything due by the watermark fires, not only what this timer was set for.
            long now = Math.max(timestamp, ctx.timerService().currentWatermark());
            fireDueRules(s, now, ctx);
            scheduleRules(s, ctx);
            forgetDeleted(now);
        }
        if (Flushes.isFlush(ctx.timeDomain(), timestamp)) {
            flush(s, FlushOutput.of(ctx, out));
        }
        state.update(s);
    }

    private IdentityState current(String key) throws Exception {
        IdentityState s = state.value();
        if (s == null) {
            s = new IdentityState();
            s.record.identityId = key;
            s.record.system = CanonicalIds.systemOf(key);
            s.record.identityType = CanonicalIds.principalTypeOf(key);
            s.record.name = CanonicalIds.principalNameOf(key);
            s.record.privilegeTier = Privileges.baseTier(key).label();
            s.record.privilegeReason = Privileges.baseReason(key);
            s.record.ownerStatus = Ownership.NONE;
        }
        return s;
    }

    private static void describe(IdentityRecord r, IdentityEvent event) {
        String type = event.attribute(Attributes.IDENTITY_TYPE);
        if (type != null) {
            r.identityType = type;
        }
        String name = event.attribute(Attributes.NAME);
        if (name != null && event.getCredentialId() == null) {
            r.name = name;
        }
        String account = event.attribute(Attributes.ACCOUNT);
        if (account != null && r.account == null) {
            r.account = account;
        }
    }

    private void observe(IdentityState s, IdentityEvent event) throws Exception {
        IdentityRecord r = s.record;
        Long created = Timestamps.parseOrNull(event.attribute(Attributes.CREATED_AT));
        Long lastUsed = Timestamps.parseOrNull(event.attribute(Attributes.LAST_USED_AT));
        if (event.getCredentialType() != null
                && event.getAttributes().containsKey(Attributes.SLOT)) {
            if (created != null && event.getEventTime() >= s.slotsAt) {
                // Each report lists every slot of the user: a newer one replaces the older.
                if (event.getEventTime() > s.slotsAt) {
                    slots.clear();
                    s.slotsAt = event.getEventTime();
                }
                KeySlot slot = KeySlot.of(event, created, lastUsed);
                slots.put(slot.credentialType + "/" + created, slot);
                markAllCredentialsDirty();
            }
            return;
        }
        if (created != null && !s.creationSeen && (r.createdAt == null || created < r.createdAt)) {
            r.createdAt = created;
        }
        if (lastUsed != null) {
            r.lastUsedAt = r.lastUsedAt == null ? lastUsed : Math.max(r.lastUsedAt, lastUsed);
        }
    }

    private void markAllCredentialsDirty() throws Exception {
        for (Map.Entry<String, CredentialEntry> e : credentials.entries()) {
            CredentialEntry entry = e.getValue();
            if (!entry.dirty) {
                entry.dirty = true;
                e.setValue(entry);
            }
        }
    }

    /** A credential as written: its record with the identity's tier, owner and key-slot facts. */
    private CredentialRecord view(IdentityState s, CredentialRecord c) throws Exception {
        CredentialRecord v = c.copy();
        for (KeySlot slot : slots.values()) {
            slot.applyTo(v);
        }
        v.privilegeTier = s.record.privilegeTier;
        Ownership.Owner owner = Ownership.ofCredential(s, v);
        v.owner = owner.owner();
        v.ownerSource = owner.source();
        v.ownerConfidence = owner.confidence();
        v.ownerStatus = owner.status();
        v.formerOwner = owner.formerOwner();
        v.ownerDepartedAt = owner.departedAt();
        return v;
    }

    /**
     * Registers a timer at the next rule deadline. A rule of a credential is evaluated once the
     * watermark has passed both its deadline and the credential's first fact: a credential learnt
     * from a listing, whose deadlines lie long before it, is judged only when every fact of the
     * listing's time has arrived (the other listing of the same snapshot with its last use, say),
     * not on the first of them. A deadline the watermark has already passed fires now.
     */
    private void scheduleRules(IdentityState s, Context ctx) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (watermark == Long.MAX_VALUE) {
            return;
        }
        if (watermark != Long.MIN_VALUE) {
            fireDueRules(s, watermark, ctx);
        }
        boolean privileged = PrivilegeTier.of(s.record.privilegeTier).isPrivileged();
        Long next = null;
        for (CredentialEntry entry : credentials.values()) {
            CredentialRecord v = view(s, entry.record);
            for (AlertRules.Due due : AlertRules.due(v, privileged, settings.rules)) {
                Long fired = entry.fired.get(due.key());
                if (fired != null && fired == due.deadline()) {
                    continue;
                }
                long at = Math.max(Math.max(due.deadline(), settled(v)), watermark + 1);
                next = next == null ? at : Math.min(next, at);
            }
        }
        if (next != null && (s.nextRuleTimer == null || next < s.nextRuleTimer)) {
            ctx.timerService().registerEventTimeTimer(next);
            s.nextRuleTimer = next;
            state.update(s);
        }
    }

    private void fireDueRules(IdentityState s, long now, Context ctx) throws Exception {
        boolean privileged = PrivilegeTier.of(s.record.privilegeTier).isPrivileged();
        boolean atEnd = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        for (Map.Entry<String, CredentialEntry> e : credentials.entries()) {
            CredentialEntry entry = e.getValue();
            CredentialRecord v = view(s, entry.record);
            boolean changed = false;
            for (AlertRules.Due due : AlertRules.due(v, privileged, settings.rules)) {
                Long fired = entry.fired.get(due.key());
                if (due.deadline() > now
                        || settled(v) > now
                        || (fired != null && fired == due.deadline())) {
                    continue;
                }
                AlertRecord alert =
                        AlertRules.alert(
                                due,
                                v,
                                s.record.privilegeReason,
                                settings.rules,
                                System.currentTimeMillis());
                ctx.output(atEnd ? ALERTS_AT_END : ALERTS, alert);
                entry.fired.put(due.key(), due.deadline());
                changed = true;
            }
            if (changed) {
                e.setValue(entry);
            }
        }
    }

    /**
     * When a deleted credential leaves this stage's state: once the watermark is past the
     * deleted-retention period, as in the credential stage. Until then it is rewritten whenever the
     * identity's grants or owner change, so its last row does not depend on whether its deletion or
     * the identity's listing reached this stage first.
     */
    private long forgetAt(CredentialRecord credential) {
        return credential.deletedAt + settings.deletedRetention.toMillis();
    }

    /** Forgets the deleted credentials whose time is up and whose last row is written. */
    private void forgetDeleted(long now) throws Exception {
        Iterator<Map.Entry<String, CredentialEntry>> held = credentials.iterator();
        while (held.hasNext()) {
            CredentialEntry entry = held.next().getValue();
            CredentialRecord c = entry.record;
            if (!entry.dirty
                    && Attributes.DELETED.equals(c.status)
                    && c.deletedAt != null
                    && forgetAt(c) <= now) {
                held.remove();
            }
        }
    }

    /** The event time from which a credential's rules may be judged: its first fact's. */
    private static long settled(CredentialRecord v) {
        return v.firstSeenAt == null ? Long.MIN_VALUE : v.firstSeenAt;
    }

    @Override
    public void flush(FlushOutput<IdentityRecord> out) throws Exception {
        IdentityState s = state.value();
        if (s != null) {
            flush(s, out);
            state.update(s);
        }
    }

    private void flush(IdentityState s, FlushOutput<IdentityRecord> out) throws Exception {
        if (!s.dirty) {
            return;
        }
        Ownership.Owner owner = Ownership.ofIdentity(s);
        IdentityRecord r = s.record;
        r.owner = owner.owner();
        r.ownerSource = owner.source();
        r.ownerConfidence = owner.confidence();
        r.ownerStatus = owner.status();
        r.formerOwner = owner.formerOwner();
        r.trustCount = s.trusts.size();
        r.trustedPrincipals = new ArrayList<>(s.trusts);
        // Sorted: the column does not depend on the order the trusts arrived in.
        r.trustedPrincipals.sort(null);
        int count = 0;
        int active = 0;
        List<Grant> activeGrants = new ArrayList<>();
        java.util.TreeSet<String> granted = new java.util.TreeSet<>();
        for (Grant g : grants.values()) {
            if (Privileges.holds(s, g)) {
                activeGrants.add(g);
                if (g.resources != null) {
                    for (String pattern : g.resources.split(",")) {
                        if (!pattern.isBlank()) {
                            granted.add(pattern.trim());
                        }
                    }
                }
            }
        }
        // Sorted and bounded, as the trusted principals are.
        r.grantedResources = new ArrayList<>(granted);
        if (r.grantedResources.size() > MAX_GRANTED_RESOURCES) {
            r.grantedResources =
                    new ArrayList<>(r.grantedResources.subList(0, MAX_GRANTED_RESOURCES));
        }
        Iterator<Map.Entry<String, CredentialEntry>> held = credentials.iterator();
        while (held.hasNext()) {
            Map.Entry<String, CredentialEntry> e = held.next();
            CredentialEntry entry = e.getValue();
            CredentialRecord v = view(s, entry.record);
            // A use of a key deleted since is still a use of its identity.
            if (v.lastUsedAt != null) {
                r.lastUsedAt =
                        r.lastUsedAt == null ? v.lastUsedAt : Math.max(r.lastUsedAt, v.lastUsedAt);
            }
            if (Attributes.DELETED.equals(v.status)) {
                // Written as deleted, and again when the identity changes, until it is forgotten
                // (forgetAt); its reach stays in the table as it last was.
                if (entry.dirty) {
                    out.output(CREDENTIALS, v);
                    writeReach(out, entry, v, activeGrants);
                    entry.dirty = false;
                    e.setValue(entry);
                }
                if (entry.record.deletedAt == null
                        || forgetAt(entry.record) <= out.currentWatermark()) {
                    held.remove();
                }
                continue;
            }
            count++;
            if (v.isActive()) {
                active++;
            }
            if (!entry.dirty) {
                continue;
            }
            out.output(CREDENTIALS, v);
            writeReach(out, entry, v, activeGrants);
            entry.dirty = false;
            e.setValue(entry);
        }
        r.credentialCount = count;
        r.activeCredentialCount = active;
        if (r.system == null || "unknown".equals(r.system)) {
            r.system = CanonicalIds.systemOf(r.identityId);
        }
        // Credentials whose identity is unknown share a stand-in key; it is not an identity.
        if (!r.identityId.startsWith(InventoryJob.UNKNOWN_IDENTITY_PREFIX)) {
            out.collect(r.copy());
        }
        s.dirty = false;
    }

    /**
     * Writes a credential's rows of {@code credential_reach}, and deletes those it had and has no
     * more (a resource no longer kept among those it was seen on, a grant superseded), so that the
     * table holds what the state holds, whatever the order of the facts.
     */
    private void writeReach(
            FlushOutput<IdentityRecord> out,
            CredentialEntry entry,
            CredentialRecord v,
            List<Grant> activeGrants) {
        List<ReachRecord> rows = ReachRows.of(v, activeGrants, v.updatedAt);
        java.util.Set<String> now = new java.util.TreeSet<>();
        for (ReachRecord reach : rows) {
            out.output(REACH, reach);
            now.add(reach.resource);
        }
        for (String before : entry.reachRows) {
            if (!now.contains(before)) {
                out.output(REACH, ReachRows.deletion(v, before, v.updatedAt));
            }
        }
        entry.reachRows = new ArrayList<>(now);
    }
}
