package io.keyline.inventory;

import io.keyline.model.Attributes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Folds identical uses into one event before the keyed stages, so that a busy identity (a role
 * whose sessions call S3 thousands of times a second) does not send every call to the one subtask
 * that holds it. Uses are identical when everything but their id and time is: the credential and
 * identity, the consumer, the resource and action, every attribute, and the day. The folded event
 * keeps the first one's id, the last one's time, and says how many uses it stands for and when the
 * first was ({@link Uses}); every stage counts it as that many uses between those times, so the
 * tables are what the uses one by one would have made.
 *
 * <pre>
 *   events (after de-duplication; the events table has them all)
 *     -> other kinds, and uses already behind the watermark: straight on
 *     -> uses: held and folded until the next watermark, the next checkpoint, or a full buffer
 * </pre>
 *
 * <p>What is held is sent on before the watermark that follows it, so a folded use is never later
 * for the daily windows than its uses would have been; a use that arrives already late passes
 * alone, and becomes its own dead letter there. Nothing is held across a checkpoint, so the
 * operator has no state.
 */
@Internal
final class UseMerger extends AbstractStreamOperator<IdentityEvent>
        implements OneInputStreamOperator<IdentityEvent, IdentityEvent> {

    private static final long serialVersionUID = 1L;

    /** Distinct uses held at most; reaching it sends them on. */
    static final int MAX_HELD = 10_000;

    private static final long DAY = Duration.ofDays(1).toMillis();

    private transient Map<Key, IdentityEvent> held;
    private transient long watermark;
    private transient Counter merged;

    /** What makes two uses the same: all but the id and the time, and the day. */
    private record Key(
            String source,
            String credentialId,
            String credentialType,
            String identityId,
            String actor,
            String consumer,
            String resource,
            String action,
            Map<String, String> attributes,
            long day) {}

    @Override
    public void open() throws Exception {
        super.open();
        held = new LinkedHashMap<>();
        watermark = Long.MIN_VALUE;
        merged = getMetricGroup().counter("mergedUses");
    }

    @Override
    public void processElement(StreamRecord<IdentityEvent> element) {
        IdentityEvent e = element.getValue();
        if (e.getKind() != EventKind.USED
                || e.getEventTime() < watermark
                || e.attribute(Attributes.USES) != null) {
            output.collect(element);
            return;
        }
        Key key =
                new Key(
                        e.getSource(),
                        e.getCredentialId(),
                        e.getCredentialType(),
                        e.getIdentityId(),
                        e.getActor(),
                        e.getConsumer() == null ? null : e.getConsumer().key(),
                        e.getResource(),
                        e.getAction(),
                        // The event's own map: nothing changes it while the key is held.
                        e.getAttributes(),
                        Math.floorDiv(e.getEventTime(), DAY));
        IdentityEvent folded = held.get(key);
        if (folded == null) {
            held.put(key, e);
            if (held.size() >= MAX_HELD) {
                sendHeld();
            }
            return;
        }
        merged.inc();
        held.put(key, fold(folded, e));
    }

    /** Two uses alike as one: the first's id, the last's time, how many and since when. */
    static IdentityEvent fold(IdentityEvent a, IdentityEvent b) {
        IdentityEvent out =
                IdentityEvent.of(
                        a.getEventId(),
                        Math.max(a.getEventTime(), b.getEventTime()),
                        a.getSource(),
                        EventKind.USED);
        out.setCredentialId(a.getCredentialId());
        out.setCredentialType(a.getCredentialType());
        out.setIdentityId(a.getIdentityId());
        out.setActor(a.getActor());
        out.setConsumer(a.getConsumer());
        out.setResource(a.getResource());
        out.setAction(a.getAction());
        out.setLocation(a.getLocation());
        out.setAttributes(new java.util.HashMap<>(a.getAttributes()));
        out.attribute(Attributes.USES, String.valueOf(Uses.count(a) + Uses.count(b)));
        out.attribute(
                Attributes.FIRST_USED_AT,
                String.valueOf(Math.min(Uses.firstAt(a), Uses.firstAt(b))));
        return out;
    }

    private void sendHeld() {
        for (IdentityEvent e : held.values()) {
            output.collect(new StreamRecord<>(e, e.getEventTime()));
        }
        held.clear();
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        sendHeld();
        watermark = mark.getTimestamp();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        sendHeld();
    }

    @Override
    public void finish() throws Exception {
        sendHeld();
        super.finish();
    }
}
