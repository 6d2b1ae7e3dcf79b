package io.keyline.inventory;

import io.keyline.format.EventIds;
import io.keyline.format.Timestamps;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.Consumer;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The credential stage, keyed by credential id: merges everything known about one credential
 * (creation and creator, status, last use, consumers, resources touched, the identity it belongs
 * to) and emits its {@link CredentialRecord} when something changed, coalesced per flush. The
 * consumers it saw go to {@link #CONSUMERS}.
 *
 * <p>Merges do not depend on arrival order: creation is the earliest evidence, status the latest,
 * last use the maximum. A deleted credential is written once more as {@code Deleted} and its state
 * is dropped after the deleted-retention period (event time), so late events about it in that
 * window still count.
 */
@Internal
public class CredentialFunction
        extends KeyedProcessFunction<String, IdentityEvent, CredentialRecord>
        implements Flushable<CredentialRecord> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<ConsumerRecord> CONSUMERS =
            new OutputTag<>("credential-consumers", Types.POJO(ConsumerRecord.class)) {};
    public static final OutputTag<LocationRecord> LOCATIONS =
            new OutputTag<>("credential-locations", Types.POJO(LocationRecord.class)) {};

    /**
     * The most storage locations kept in state per credential; the least recently seen is dropped
     * from state (its row stays in the table). A secret copied to more places than this is counted,
     * but a sighting of an evicted place rewrites its row as new.
     */
    static final int MAX_LOCATIONS = 256;

    /**
     * Error codes of calls whose credential did not authenticate, in any system: they say nothing
     * of its status.
     */
    private static final java.util.Set<String> AUTHENTICATION_FAILURES =
            java.util.Set.of(
                    "InvalidClientTokenId",
                    "InvalidAccessKeyId",
                    "SignatureDoesNotMatch",
                    "UnrecognizedClientException",
                    "AuthFailure",
                    "ExpiredToken",
                    "ConsoleLoginFailure",
                    // Entra ID: invalid or expired client secret, bad client assertion,
                    // unknown or disabled application.
                    "7000215",
                    "7000222",
                    "700027",
                    "700024",
                    "700016",
                    "7000112",
                    // HTTP 401 (GitHub, Kubernetes): the credential itself was refused.
                    "401");

    private final InventorySettings settings;

    private transient ValueState<CredentialState> state;
    private transient MapState<String, ConsumerStats> consumers;
    private transient StorageLocations locations;
    private transient ValueState<Long> cleanupAt;
    private transient Counter eventsIn;

    public CredentialFunction(InventorySettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(Configuration parameters) {
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "credential", Types.POJO(CredentialState.class)));
        consumers =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "consumers",
                                        Types.STRING,
                                        Types.POJO(ConsumerStats.class)));
        locations =
                new StorageLocations(
                        getRuntimeContext()
                                .getMapState(
                                        new MapStateDescriptor<>(
                                                "locations",
                                                Types.STRING,
                                                Types.POJO(LocationRecord.class))));
        cleanupAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("cleanup-at", Types.LONG));
        eventsIn = getRuntimeContext().getMetricGroup().counter("eventsIn");
    }

    @Override
    public void processElement(IdentityEvent event, Context ctx, Collector<CredentialRecord> out)
            throws Exception {
        eventsIn.inc();
        CredentialState current = state.value();
        if (current == null) {
            current = new CredentialState();
            current.record.credentialId = event.getCredentialId();
            current.record.system = CanonicalIds.systemOf(event.getCredentialId());
        }
        CredentialRecord r = current.record;
        long t = event.getEventTime();
        fillIdentity(r, event);
        // A folded use stands for uses from its first's time to its own.
        long first = event.getKind() == EventKind.USED ? Uses.firstAt(event) : t;
        r.firstSeenAt = r.firstSeenAt == null ? first : Math.min(r.firstSeenAt, first);
        r.updatedAt = Math.max(r.updatedAt, t);

        switch (event.getKind()) {
            case CREATED:
                applyCreation(current, event);
                break;
            case OBSERVED:
                applyObservation(current, event);
                break;
            case STATUS_CHANGED:
                applyStatus(current, event.attribute(Attributes.STATUS), t);
                break;
            case DELETED:
                applyDeletion(current, t, ctx);
                break;
            case USED:
                applyUse(current, event, ctx);
                break;
            case STORED_AT:
                locations.record(r, event);
                break;
            case OWNER_HINT:
                Ownership.note(
                        r.ownerEvidence,
                        event.getActor(),
                        event.attribute(Attributes.OWNER_SOURCE),
                        t);
                break;
            case PERSON:
                Ownership.note(
                        r.people, PersonFact.of(event, Ownership.normalize(event.getActor())));
                break;
            default:
                // Other kinds only refresh first and last seen here.
                break;
        }
        current.dirty = true;
        state.update(current);
        Flushes.schedule(ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CredentialRecord> out)
            throws Exception {
        Long cleanup = cleanupAt.value();
        boolean isCleanup = cleanup != null && cleanup == timestamp;
        if (isCleanup || Flushes.isFlush(ctx.timeDomain(), timestamp)) {
            flush(FlushOutput.of(ctx, out));
        }
        if (isCleanup) {
            state.clear();
            consumers.clear();
            locations.clear();
            cleanupAt.clear();
        }
    }

    @Override
    public void flush(FlushOutput<CredentialRecord> out) throws Exception {
        CredentialState current = state.value();
        if (current == null || !current.dirty) {
            return;
        }
        current.record.consumerCount = current.consumersSeen;
        out.collect(current.record.copy());
        current.dirty = false;
        state.update(current);

        for (Map.Entry<String, ConsumerStats> entry : consumers.entries()) {
            ConsumerStats stats = entry.getValue();
            if (!stats.dirty) {
                continue;
            }
            out.output(CONSUMERS, consumerRow(current.record.credentialId, entry.getKey(), stats));
            stats.dirty = false;
            entry.setValue(stats);
        }
        locations.flush(row -> out.output(LOCATIONS, row));
    }

    private static ConsumerRecord consumerRow(
            String credentialId, String consumerId, ConsumerStats stats) {
        ConsumerRecord row = new ConsumerRecord();
        row.credentialId = credentialId;
        row.consumerId = consumerId;
        row.sourceIp = stats.sourceIp;
        row.userAgent = stats.userAgent;
        row.workload = stats.workload;
        row.firstSeenAt = stats.firstSeenAt;
        row.lastSeenAt = stats.lastSeenAt;
        row.calls = stats.calls;
        row.updatedAt = stats.lastSeenAt;
        return row;
    }

    private static void fillIdentity(CredentialRecord r, IdentityEvent event) {
        if (event.getIdentityId() != null
                && (r.identityId == null
                        || event.getKind() == io.keyline.model.EventKind.CREATED)) {
            r.identityId = event.getIdentityId();
        }
        if (r.credentialType == null) {
            r.credentialType = event.getCredentialType();
        }
        // A copy's account is the place's (the cluster or vault that stores it), not the
        // credential's: taking it would make the account depend on which event came first.
        String account = event.attribute(Attributes.ACCOUNT);
        if (account != null
                && r.account == null
                && event.getKind() != io.keyline.model.EventKind.STORED_AT) {
            r.account = account;
        }
        if (Attributes.SYSTEM_MANAGED.equals(event.attribute(Attributes.KEY_TYPE))) {
            r.providerManaged = true;
        }
        String expires = event.attribute(Attributes.EXPIRES_AT);
        if (Attributes.NEVER.equals(expires)) {
            r.expiresAt = null;
            r.neverExpires = true;
        } else if (expires != null) {
            r.expiresAt = Timestamps.parseOrNull(expires);
            r.neverExpires = false;
        }
    }

    private static void applyCreation(CredentialState s, IdentityEvent event) {
        CredentialRecord r = s.record;
        long t = event.getEventTime();
        if (!s.creationSeen || r.createdAt == null || t < r.createdAt) {
            r.createdAt = t;
            r.createdBy = event.getActor();
            s.creationSeen = true;
        }
        String status = event.attribute(Attributes.STATUS);
        applyStatus(s, status == null ? Attributes.ACTIVE : status, t);
    }

    private static void applyObservation(CredentialState s, IdentityEvent event) {
        CredentialRecord r = s.record;
        Long listedCreation = Timestamps.parseOrNull(event.attribute(Attributes.CREATED_AT));
        if (listedCreation != null
                && !s.creationSeen
                && (r.createdAt == null || listedCreation < r.createdAt)) {
            r.createdAt = listedCreation;
        }
        applyStatus(s, event.attribute(Attributes.STATUS), event.getEventTime());
        Long lastUsed = Timestamps.parseOrNull(event.attribute(Attributes.LAST_USED_AT));
        if (lastUsed != null && (r.lastUsedAt == null || lastUsed > r.lastUsedAt)) {
            r.lastUsedAt = lastUsed;
            r.lastUsedAction = event.attribute(Attributes.LAST_USED_ACTION);
        }
    }

    private static void applyStatus(CredentialState s, String status, long t) {
        if (status == null || Attributes.DELETED.equals(s.record.status)) {
            return;
        }
        if (t >= s.statusTime) {
            s.record.status = status;
            s.statusTime = t;
            s.record.statusAt = t;
        }
    }

    private void applyDeletion(CredentialState s, long t, Context ctx) throws Exception {
        CredentialRecord r = s.record;
        r.status = Attributes.DELETED;
        r.deletedAt = r.deletedAt == null ? t : Math.min(r.deletedAt, t);
        s.statusTime = Math.max(s.statusTime, t);
        r.statusAt = s.statusTime;
        long at = r.deletedAt + settings.deletedRetention.toMillis();
        Long previous = cleanupAt.value();
        if (previous != null && previous != at) {
            ctx.timerService().deleteEventTimeTimer(previous);
        }
        cleanupAt.update(at);
        ctx.timerService().registerEventTimeTimer(at);
    }

    private void applyUse(CredentialState s, IdentityEvent event, Context ctx) throws Exception {
        CredentialRecord r = s.record;
        long t = event.getEventTime();
        // A call that authenticated shows the credential was active at that time.
        String error = event.attribute(Attributes.ERROR_CODE);
        if (error == null || !AUTHENTICATION_FAILURES.contains(error)) {
            applyStatus(s, Attributes.ACTIVE, t);
        }
        Consumer consumer = event.getConsumer();
        String ip = consumer == null ? null : consumer.getSourceIp();
        // The latest use; of two at one time, the one whose action and address sort last, so
        // that the outcome does not depend on which arrived first.
        if (r.lastUsedAt == null
                || t > r.lastUsedAt
                || (t == r.lastUsedAt
                        && (compare(event.getAction(), r.lastUsedAction) > 0
                                || (compare(event.getAction(), r.lastUsedAction) == 0
                                        && compare(ip, r.lastUsedSourceIp) > 0)))) {
            r.lastUsedAt = t;
            r.lastUsedAction = event.getAction();
            r.lastUsedSourceIp = ip;
        }
        long first = Uses.firstAt(event);
        long count = Uses.count(event);
        if (consumer != null) {
            recordConsumer(s, consumer, first, t, count, ctx);
        }
        if (event.getResource() != null) {
            recordResource(r, event.getResource(), event.getAction(), first, t, count);
        }
    }

    private static int compare(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }

    private void recordConsumer(
            CredentialState s, Consumer consumer, long first, long t, long count, Context ctx)
            throws Exception {
        String id = EventIds.sha256Hex(consumer.key()).substring(0, 16);
        ConsumerStats stats = consumers.get(id);
        if (stats == null) {
            stats = new ConsumerStats();
            stats.sourceIp = consumer.getSourceIp();
            stats.userAgent = consumer.getUserAgent();
            stats.workload = consumer.getWorkload();
            stats.firstSeenAt = first;
            stats.lastSeenAt = t;
            s.consumersSeen++;
            evictOldestConsumerIfFull(s, ctx);
        }
        stats.firstSeenAt = Math.min(stats.firstSeenAt, first);
        stats.lastSeenAt = Math.max(stats.lastSeenAt, t);
        stats.calls += count;
        stats.dirty = true;
        consumers.put(id, stats);
    }

    /**
     * Keeps the consumers in state bounded. An evicted consumer keeps its row in the table: it is
     * written as it stands when it goes, so that every consumer ever seen has its row.
     */
    private void evictOldestConsumerIfFull(CredentialState s, Context ctx) throws Exception {
        int size = 0;
        String oldest = null;
        long oldestSeen = Long.MAX_VALUE;
        for (Map.Entry<String, ConsumerStats> entry : consumers.entries()) {
            size++;
            long seen = entry.getValue().lastSeenAt;
            // Of equally old ones, the greatest id: the same one whatever the arrival order.
            if (seen < oldestSeen
                    || (seen == oldestSeen
                            && oldest != null
                            && entry.getKey().compareTo(oldest) > 0)) {
                oldestSeen = seen;
                oldest = entry.getKey();
            }
        }
        if (size >= settings.maxConsumersPerCredential && oldest != null) {
            ConsumerStats stats = consumers.get(oldest);
            if (stats.dirty) {
                ctx.output(CONSUMERS, consumerRow(s.record.credentialId, oldest, stats));
            }
            consumers.remove(oldest);
        }
    }

    private void recordResource(
            CredentialRecord r, String resource, String action, long first, long t, long count) {
        for (ObservedResource seen : r.observedResources) {
            if (seen.resource.equals(resource)) {
                seen.firstSeenAt = Math.min(seen.firstSeenAt, first);
                // The action of the latest call; of two at one time, the greater name.
                if (t > seen.lastSeenAt
                        || (t == seen.lastSeenAt
                                && action != null
                                && (seen.lastAction == null
                                        || action.compareTo(seen.lastAction) > 0))) {
                    seen.lastSeenAt = t;
                    seen.lastAction = action;
                }
                seen.calls += count;
                return;
            }
        }
        ObservedResource added = new ObservedResource(resource, t, action);
        added.firstSeenAt = first;
        added.calls = count;
        r.observedResources.add(added);
        if (r.observedResources.size() > settings.maxResourcesPerCredential) {
            // The least recently seen goes; of equally old ones, the greatest name, so that
            // the resources kept do not depend on the order calls arrived in.
            Iterator<ObservedResource> oldest =
                    r.observedResources.stream()
                            .sorted(
                                    Comparator.comparingLong((ObservedResource o) -> o.lastSeenAt)
                                            .thenComparing(
                                                    o -> o.resource, Comparator.reverseOrder()))
                            .limit(1)
                            .iterator();
            r.observedResources.remove(oldest.next());
        }
    }
}
