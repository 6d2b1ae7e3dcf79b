package io.keyline.source.poll;

import io.keyline.format.RawRecord;
import io.keyline.source.Documents;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the streams a collector's enumerator assigned to this subtask. A fetch thread of its own
 * calls {@link Feed#next} for one stream at a time, with the cursor the task last emitted; the task
 * thread emits what came back and only then moves the stream's cursor, so the cursor a checkpoint
 * holds is exactly that of what was emitted before it.
 *
 * <p>A failure does not stop the job: a transient one is retried with backoff (in a bounded run a
 * few times, then the stream ends); a permanent one ({@link CollectorException}) becomes one dead
 * letter whose reason is the exception's sentence, and the stream is tried again after {@link
 * #PERMANENT_RETRY} (or, in a bounded run, ends).
 */
@Internal
final class PollReader implements SourceReader<RawRecord, PollSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(PollReader.class);

    /** How long a stream waits after a permanent failure, at least. */
    static final Duration PERMANENT_RETRY = Duration.ofMinutes(15);

    /** Transient failures in a row after which a bounded run gives a stream up. */
    static final int BOUNDED_ATTEMPTS = 4;

    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final SourceReaderContext context;
    private final Feeds feeds;
    private final Duration interval;
    private final boolean bounded;
    private final ScheduledThreadPoolExecutor fetcher;

    /** Open feeds by stream id; used by the fetch thread only. */
    private final Map<String, Feed> open = new ConcurrentHashMap<>();

    /** What the fetch thread handed over, in order. */
    private final Queue<Fetched> fetched = new ConcurrentLinkedQueue<>();

    private final Object lock = new Object();
    private CompletableFuture<Void> available = new CompletableFuture<>();

    /** The task thread's own: streams and their positions. */
    private final Map<String, Stream> streams = new LinkedHashMap<>();

    /**
     * Acknowledgements handed to the fetch thread and not yet made; whatever is left when the
     * reader closes is made then, so that the last checkpoint of a bounded run is acknowledged.
     */
    private final Queue<Acknowledgement> acknowledging = new ConcurrentLinkedQueue<>();

    private Map<String, List<String>> receipts = new HashMap<>();
    private final NavigableMap<Long, Map<String, List<String>>> receiptsByCheckpoint =
            new TreeMap<>();
    private boolean noMoreSplits;

    private final Counter documents;
    private final Counter failures;

    PollReader(SourceReaderContext context, Feeds feeds, Duration interval, boolean bounded) {
        this.context = context;
        this.feeds = feeds;
        this.interval = interval;
        this.bounded = bounded;
        String thread = "keyline-collector-" + feeds.name() + "-" + context.getIndexOfSubtask();
        this.fetcher =
                new ScheduledThreadPoolExecutor(
                        1,
                        r -> {
                            Thread t = new Thread(r, thread);
                            t.setDaemon(true);
                            return t;
                        });
        this.documents = context.metricGroup().counter("collectedDocuments");
        this.failures = context.metricGroup().counter("collectorFailures");
    }

    /** One stream: its split (id, format, emitted cursor) and its failures in a row. */
    private static final class Stream {
        PollSplit split;
        int failures;
        String lastError;

        Stream(PollSplit split) {
            this.split = split;
        }
    }

    /** The receipts of one stream that a completed checkpoint holds. */
    private record Acknowledgement(String id, List<String> receipts) {}

    /** What one request gave: a batch, or an error. */
    private record Fetched(
            String id, String cursor, Batch batch, String error, boolean permanent) {}

    @Override
    public void start() {}

    @Override
    public void addSplits(List<PollSplit> splits) {
        for (PollSplit split : splits) {
            Stream stream = new Stream(split);
            streams.put(split.splitId(), stream);
            LOG.info(
                    "Collector {} follows {} from {}",
                    feeds.name(),
                    split.splitId(),
                    split.cursor() == null ? "its start" : "its checkpointed position");
            schedule(stream, Duration.ZERO);
        }
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        wake();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<RawRecord> output) {
        Fetched f = fetched.poll();
        if (f != null) {
            Stream stream = streams.get(f.id());
            if (stream != null && Objects.equals(stream.split.cursor(), f.cursor())) {
                if (f.batch() != null) {
                    emit(stream, f.batch(), output);
                } else {
                    fail(stream, f, output);
                }
            }
        }
        if (!fetched.isEmpty()) {
            return InputStatus.MORE_AVAILABLE;
        }
        return finished() ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
    }

    private boolean finished() {
        return bounded && noMoreSplits && streams.isEmpty();
    }

    private void emit(Stream stream, Batch batch, ReaderOutput<RawRecord> output) {
        for (Document d : batch.documents()) {
            documents.inc();
            Documents.split(
                    "the page",
                    d.format(),
                    d.origin(),
                    d.observedAt(),
                    d.content(),
                    output::collect);
        }
        String id = stream.split.splitId();
        stream.split = stream.split.withCursor(batch.cursor());
        stream.failures = 0;
        stream.lastError = null;
        if (!batch.receipts().isEmpty()) {
            receipts.computeIfAbsent(id, k -> new ArrayList<>()).addAll(batch.receipts());
        }
        if (!batch.caughtUp()) {
            schedule(stream, Duration.ZERO);
        } else if (bounded) {
            streams.remove(id);
            LOG.info("Collector {} has read {} to its end", feeds.name(), id);
        } else {
            schedule(stream, interval);
        }
    }

    private void fail(Stream stream, Fetched f, ReaderOutput<RawRecord> output) {
        failures.inc();
        stream.failures++;
        String id = stream.split.splitId();
        boolean giveUp = bounded && (f.permanent() || stream.failures >= BOUNDED_ATTEMPTS);
        if (giveUp || f.permanent() && !f.error().equals(stream.lastError)) {
            // A dead letter when a stream ends on a failure, and once per distinct permanent
            // error of a stream that goes on, so that the failure shows in the tables.
            output.collect(
                    RawRecord.unreadable(
                            stream.split.format(),
                            "collector:/" + id,
                            0,
                            System.currentTimeMillis(),
                            f.error()));
            LOG.warn("Collector {} cannot read {}: {}", feeds.name(), id, f.error());
        } else if (stream.failures == 1) {
            LOG.warn("Collector {} will retry {}: {}", feeds.name(), id, f.error());
        }
        stream.lastError = f.error();
        if (giveUp) {
            streams.remove(id);
            return;
        }
        Duration wait = f.permanent() ? max(PERMANENT_RETRY, interval) : backoff(stream.failures);
        schedule(stream, wait);
    }

    /** 1 s, 2 s, 4 s... up to five minutes. */
    static Duration backoff(int failures) {
        long millis = FIRST_BACKOFF.toMillis() << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Asks the fetch thread for what follows the stream's cursor, after {@code delay}. */
    private void schedule(Stream stream, Duration delay) {
        PollSplit split = stream.split;
        fetcher.schedule(() -> fetch(split), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** On the fetch thread: one request of one stream. */
    private void fetch(PollSplit split) {
        String id = split.splitId();
        try {
            Feed feed = open.get(id);
            if (feed == null) {
                feed = feeds.open(split);
                open.put(id, feed);
            }
            deliver(new Fetched(id, split.cursor(), feed.next(split.cursor()), null, false));
        } catch (CollectorException e) {
            deliver(new Fetched(id, split.cursor(), null, e.getMessage(), true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            deliver(new Fetched(id, split.cursor(), null, describe(e), false));
        }
    }

    /** A failure in one line: the exception's type and message, without a stack trace. */
    static String describe(Exception e) {
        String message = e.getMessage();
        String what = e.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return what;
        }
        String line = message.strip().replaceAll("\\s+", " ");
        return what + ": " + (line.length() > 300 ? line.substring(0, 300) + "..." : line);
    }

    private void deliver(Fetched f) {
        synchronized (lock) {
            fetched.add(f);
            available.complete(null);
        }
    }

    private void wake() {
        synchronized (lock) {
            available.complete(null);
        }
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        synchronized (lock) {
            if (!fetched.isEmpty() || finished()) {
                return CompletableFuture.completedFuture(null);
            }
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return available;
        }
    }

    @Override
    public List<PollSplit> snapshotState(long checkpointId) {
        if (!receipts.isEmpty()) {
            receiptsByCheckpoint.put(checkpointId, receipts);
            receipts = new HashMap<>();
        }
        List<PollSplit> state = new ArrayList<>();
        streams.values().forEach(s -> state.add(s.split));
        return state;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        NavigableMap<Long, Map<String, List<String>>> done =
                receiptsByCheckpoint.headMap(checkpointId, true);
        Map<String, List<String>> byStream = new HashMap<>();
        done.values()
                .forEach(
                        m ->
                                m.forEach(
                                        (id, r) ->
                                                byStream.computeIfAbsent(id, k -> new ArrayList<>())
                                                        .addAll(r)));
        done.clear();
        byStream.forEach(
                (id, r) -> {
                    Acknowledgement a = new Acknowledgement(id, r);
                    acknowledging.add(a);
                    fetcher.execute(
                            () -> {
                                if (acknowledging.remove(a)) {
                                    acknowledge(id, r);
                                }
                            });
                });
    }

    /** On the fetch thread (or in close): acknowledges what a completed checkpoint holds. */
    private void acknowledge(String id, List<String> receipts) {
        Feed feed = open.get(id);
        if (feed == null) {
            return;
        }
        try {
            feed.acknowledge(receipts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // Unacknowledged messages come again; the job drops them as duplicates.
            LOG.warn(
                    "Collector {} could not acknowledge {} message(s) of {}: {}",
                    feeds.name(),
                    receipts.size(),
                    id,
                    describe(e));
        }
    }

    @Override
    public void close() throws Exception {
        fetcher.shutdownNow();
        fetcher.awaitTermination(30, TimeUnit.SECONDS);
        // A bounded run closes its reader right after its last checkpoint completed: the fetch
        // thread may not have made those acknowledgements yet.
        Acknowledgement a;
        while ((a = acknowledging.poll()) != null) {
            acknowledge(a.id(), a.receipts());
        }
        for (Map.Entry<String, Feed> e : open.entrySet()) {
            try {
                e.getValue().close();
            } catch (IOException | RuntimeException ex) {
                LOG.warn(
                        "Collector {} could not close {}: {}",
                        feeds.name(),
                        e.getKey(),
                        describe(ex));
            }
        }
        open.clear();
    }
}
