package io.keyline.source.poll;

import io.keyline.format.RawRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * Drives a collector's reader as a source task would: hands it splits, polls it, waits on its
 * availability, takes checkpoints and confirms them; what it emits is kept in order.
 */
public final class ReaderHarness implements AutoCloseable {

    private final PollReader reader;
    private final List<RawRecord> emitted = new ArrayList<>();
    private final ReaderOutput<RawRecord> output = new Output();
    private InputStatus last = InputStatus.NOTHING_AVAILABLE;

    public ReaderHarness(Feeds feeds, Duration interval, boolean bounded) {
        reader = new PollReader(new Context(), feeds, interval, bounded);
        reader.start();
    }

    public ReaderHarness add(List<PollSplit> splits) {
        reader.addSplits(splits);
        return this;
    }

    public ReaderHarness noMoreSplits() {
        reader.notifyNoMoreSplits();
        return this;
    }

    /** Polls until {@code count} records were emitted in all, or the input ended. */
    public List<RawRecord> pollUntil(int count, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (emitted.size() < count && last != InputStatus.END_OF_INPUT) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "the reader emitted " + emitted.size() + " records, not " + count);
            }
            pollOnce(deadline);
        }
        return List.copyOf(emitted);
    }

    /** Polls until the reader says its input has ended. */
    public List<RawRecord> pollToEnd(Duration patience) throws Exception {
        return pollUntil(Integer.MAX_VALUE, patience);
    }

    private void pollOnce(long deadline) throws Exception {
        long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        try {
            reader.isAvailable().get(wait, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return;
        }
        last = reader.pollNext(output);
    }

    public InputStatus lastStatus() {
        return last;
    }

    public List<PollSplit> checkpoint(long id) {
        return reader.snapshotState(id);
    }

    public void completed(long id) {
        reader.notifyCheckpointComplete(id);
    }

    public List<RawRecord> emitted() {
        return List.copyOf(emitted);
    }

    @Override
    public void close() throws Exception {
        reader.close();
    }

    private final class Output implements ReaderOutput<RawRecord> {
        @Override
        public void collect(RawRecord record) {
            emitted.add(record);
        }

        @Override
        public void collect(RawRecord record, long timestamp) {
            emitted.add(record);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        @Override
        public SourceOutput<RawRecord> createOutputForSplit(String splitId) {
            return this;
        }

        @Override
        public void releaseOutputForSplit(String splitId) {}
    }

    private static final class Context implements SourceReaderContext {
        @Override
        public SourceReaderMetricGroup metricGroup() {
            return UnregisteredMetricsGroup.createSourceReaderMetricGroup();
        }

        @Override
        public Configuration getConfiguration() {
            return new Configuration();
        }

        @Override
        public String getLocalHostName() {
            return "localhost";
        }

        @Override
        public int getIndexOfSubtask() {
            return 0;
        }

        @Override
        public void sendSplitRequest() {}

        @Override
        public void sendSourceEventToCoordinator(SourceEvent sourceEvent) {}

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int currentParallelism() {
            return 1;
        }
    }
}
