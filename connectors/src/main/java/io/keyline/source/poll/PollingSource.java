package io.keyline.source.poll;

import io.keyline.format.RawRecord;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The source of a collector: it follows the streams of a {@link Feeds} (an org's audit log, an
 * account's listings, a subscription) and emits what they fetch as raw records of their formats,
 * for the same parsers as files and Kafka messages.
 *
 * <pre>
 *   enumerator (job manager): the streams, each assigned to one reader by its id
 *   reader (each subtask):    a fetch thread per reader calls Feed.next(cursor), one request per
 *                             stream at a time; the task thread emits the batch and moves the
 *                             stream's cursor, which snapshotState checkpoints
 * </pre>
 *
 * <p>Continuous by default: a stream that has caught up is polled again after the interval. In a
 * bounded run each stream is read until it has caught up once, then ends.
 */
@PublicEvolving
public final class PollingSource
        implements Source<RawRecord, PollSplit, Collection<PollSplit>>,
                ResultTypeQueryable<RawRecord> {

    private static final long serialVersionUID = 1L;

    private final Feeds feeds;
    private final Duration interval;
    private final boolean bounded;

    /**
     * @param feeds the collector
     * @param interval how long a stream that has caught up waits before the next request
     * @param bounded true to read each stream until it has caught up, then end
     */
    public PollingSource(Feeds feeds, Duration interval, boolean bounded) {
        this.feeds = Objects.requireNonNull(feeds, "feeds");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.bounded = bounded;
    }

    public Feeds feeds() {
        return feeds;
    }

    @Override
    public Boundedness getBoundedness() {
        return bounded ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<PollSplit, Collection<PollSplit>> createEnumerator(
            SplitEnumeratorContext<PollSplit> context) throws Exception {
        return new PollEnumerator(context, feeds.splits(), bounded);
    }

    @Override
    public SplitEnumerator<PollSplit, Collection<PollSplit>> restoreEnumerator(
            SplitEnumeratorContext<PollSplit> context, Collection<PollSplit> pending) {
        return new PollEnumerator(context, pending, bounded);
    }

    @Override
    public SimpleVersionedSerializer<PollSplit> getSplitSerializer() {
        return PollSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<Collection<PollSplit>> getEnumeratorCheckpointSerializer() {
        return PollSplitSerializer.Pending.INSTANCE;
    }

    @Override
    public SourceReader<RawRecord, PollSplit> createReader(SourceReaderContext context) {
        return new PollReader(context, feeds, interval, bounded);
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return Types.POJO(RawRecord.class);
    }
}
