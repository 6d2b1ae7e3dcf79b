package io.keyline.source.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.RawRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;

/** The collectors' reader: positions, checkpoints, acknowledgements and failures. */
class PollReaderTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /**
     * A stream of numbered pages of one HR record each; the cursor is the next page's number.
     * Scripted failures are thrown before the page they are keyed by.
     */
    static final class Pages implements Feeds {
        private static final long serialVersionUID = 1L;
        static final Map<String, List<Object>> CALLS = new ConcurrentHashMap<>();
        static final Map<String, List<String>> ACKED = new ConcurrentHashMap<>();

        final String name;
        final int pages;
        final Map<Integer, IOException> failures;
        final boolean receipts;
        transient CountDownLatch held;
        volatile int brokenFrom = Integer.MAX_VALUE;

        Pages(String name, int pages, Map<Integer, IOException> failures, boolean receipts) {
            this.name = name;
            this.pages = pages;
            this.failures = new ConcurrentHashMap<>(failures);
            this.receipts = receipts;
            CALLS.put(name, Collections.synchronizedList(new ArrayList<>()));
            ACKED.put(name, Collections.synchronizedList(new ArrayList<>()));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<PollSplit> splits() {
            return List.of(new PollSplit(name, "hr-people", null));
        }

        @Override
        public Feed open(PollSplit split) {
            return new Feed() {
                @Override
                public Batch next(String cursor) throws IOException, InterruptedException {
                    int page = cursor == null ? 1 : Integer.parseInt(cursor);
                    CALLS.get(name).add(page);
                    if (held != null && page > 1) {
                        held.await();
                    }
                    if (page >= brokenFrom) {
                        throw new IOException("connection refused");
                    }
                    IOException failure = failures.remove(page);
                    if (failure != null) {
                        throw failure;
                    }
                    Document d =
                            new Document(
                                    "hr-people",
                                    "collector:/hr-people/test/page-" + page,
                                    page,
                                    ("{\"person_id\":\"p"
                                                    + page
                                                    + "\",\"email\":\"p"
                                                    + page
                                                    + "@example.com\",\"status\":\"active\"}\n")
                                            .getBytes(StandardCharsets.UTF_8));
                    String next = String.valueOf(page + 1);
                    List<String> r = receipts ? List.of("ack-" + page) : List.of();
                    return new Batch(List.of(d), next, page >= pages, r);
                }

                @Override
                public void acknowledge(List<String> ids) {
                    ACKED.get(name).addAll(ids);
                }
            };
        }
    }

    private static List<String> origins(List<RawRecord> records) {
        return records.stream().map(RawRecord::getOrigin).toList();
    }

    @Test
    void aBoundedReaderEmitsEveryPageInOrderThenEnds() throws Exception {
        Pages feeds = new Pages("in-order", 3, Map.of(), false);
        try (ReaderHarness h = new ReaderHarness(feeds, Duration.ofMinutes(1), true)) {
            h.add(feeds.splits()).noMoreSplits();

            List<RawRecord> records = h.pollToEnd(PATIENCE);

            assertThat(origins(records))
                    .containsExactly(
                            "collector:/hr-people/test/page-1",
                            "collector:/hr-people/test/page-2",
                            "collector:/hr-people/test/page-3");
            assertThat(h.lastStatus()).isEqualTo(InputStatus.END_OF_INPUT);
            assertThat(h.checkpoint(1)).isEmpty();
        }
    }

    @Test
    void aCheckpointHoldsThePositionOfWhatWasEmittedAndARestoredReaderGoesOnFromThere()
            throws Exception {
        Pages feeds = new Pages("restart", 4, Map.of(), false);
        feeds.held = new CountDownLatch(1);
        List<PollSplit> state;
        try (ReaderHarness first = new ReaderHarness(feeds, Duration.ofMinutes(1), true)) {
            first.add(feeds.splits()).noMoreSplits();
            assertThat(origins(first.pollUntil(1, PATIENCE)))
                    .containsExactly("collector:/hr-people/test/page-1");
            // The second page is being fetched, not emitted: the checkpoint is after page 1.
            state = first.checkpoint(7);
        }
        assertThat(state).containsExactly(new PollSplit("restart", "hr-people", "2"));

        feeds.held = null;
        try (ReaderHarness second = new ReaderHarness(feeds, Duration.ofMinutes(1), true)) {
            second.add(state).noMoreSplits();
            assertThat(origins(second.pollToEnd(PATIENCE)))
                    .containsExactly(
                            "collector:/hr-people/test/page-2",
                            "collector:/hr-people/test/page-3",
                            "collector:/hr-people/test/page-4");
        }
        assertThat(Pages.CALLS.get("restart")).startsWith(1).doesNotContainSequence(1, 1);
        assertThat(Pages.CALLS.get("restart").stream().filter(p -> (int) p == 1)).hasSize(1);
    }

    @Test
    void receiptsAreAcknowledgedOnlyWhenTheCheckpointHoldingThemCompletes() throws Exception {
        Pages feeds = new Pages("acks", 2, Map.of(), true);
        try (ReaderHarness h = new ReaderHarness(feeds, Duration.ofMinutes(1), false)) {
            h.add(feeds.splits());
            h.pollUntil(2, PATIENCE);

            h.checkpoint(1);
            assertThat(Pages.ACKED.get("acks")).isEmpty();
            h.completed(1);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (Pages.ACKED.get("acks").size() < 2 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertThat(Pages.ACKED.get("acks")).containsExactly("ack-1", "ack-2");
        }
    }

    @Test
    void aReaderClosedRightAfterACheckpointCompletedStillAcknowledgesIt() throws Exception {
        Pages feeds = new Pages("close-acks", 3, Map.of(), true);
        feeds.held = new CountDownLatch(1);
        try (ReaderHarness h = new ReaderHarness(feeds, Duration.ofMinutes(1), false)) {
            h.add(feeds.splits());
            h.pollUntil(1, PATIENCE);
            h.checkpoint(1);
            // The fetch thread is busy with page 2, so the acknowledgement waits behind it.
            h.completed(1);
            assertThat(Pages.ACKED.get("close-acks")).isEmpty();
        }
        assertThat(Pages.ACKED.get("close-acks")).containsExactly("ack-1");
    }

    @Test
    void aTransientFailureIsRetriedAndLosesNothing() throws Exception {
        Pages feeds =
                new Pages("transient", 2, Map.of(2, new IOException("connection reset")), false);
        try (ReaderHarness h = new ReaderHarness(feeds, Duration.ofMinutes(1), true)) {
            h.add(feeds.splits()).noMoreSplits();

            List<RawRecord> records = h.pollToEnd(PATIENCE);

            assertThat(origins(records))
                    .containsExactly(
                            "collector:/hr-people/test/page-1", "collector:/hr-people/test/page-2");
            assertThat(records).allSatisfy(r -> assertThat(r.getError()).isNull());
            assertThat(Pages.CALLS.get("transient")).containsExactly(1, 2, 2);
        }
    }

    @Test
    void aBoundedStreamThatKeepsFailingTheSameWayEndsWithOneDeadLetter() throws Exception {
        Pages feeds = new Pages("down", 3, Map.of(), false);
        feeds.brokenFrom = 2;
        try (ReaderHarness h = new ReaderHarness(feeds, Duration.ofMinutes(1), true)) {
            h.add(feeds.splits()).noMoreSplits();

            List<RawRecord> records = h.pollToEnd(PATIENCE);

            assertThat(records).hasSize(2);
            assertThat(records.get(1).getError()).isEqualTo("IOException: connection refused");
            assertThat(records.get(1).getOrigin()).isEqualTo("collector:/down");
            assertThat(Pages.CALLS.get("down"))
                    .containsExactly(1, 2, 2, 2, 2)
                    .hasSize(1 + PollReader.BOUNDED_ATTEMPTS);
            assertThat(h.lastStatus()).isEqualTo(InputStatus.END_OF_INPUT);
        }
    }

    @Test
    void aPermanentFailureIsOneDeadLetterWithItsSentenceAndEndsABoundedStream() throws Exception {
        String sentence =
                "The Okta org acme.okta.com refused GET /api/v1/logs (HTTP 403): give the token's"
                        + " administrator the Read-Only Administrator role.";
        Pages feeds = new Pages("refused", 3, Map.of(2, new CollectorException(sentence)), false);
        try (ReaderHarness h = new ReaderHarness(feeds, Duration.ofMinutes(1), true)) {
            h.add(feeds.splits()).noMoreSplits();

            List<RawRecord> records = h.pollToEnd(PATIENCE);

            assertThat(records).hasSize(2);
            assertThat(records.get(1).getError()).isEqualTo(sentence);
            assertThat(records.get(1).getFormat()).isEqualTo("hr-people");
            assertThat(records.get(1).getOrigin()).isEqualTo("collector:/refused");
            assertThat(h.lastStatus()).isEqualTo(InputStatus.END_OF_INPUT);
        }
    }

    @Test
    void theBackoffDoublesUpToFiveMinutes() {
        assertThat(PollReader.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(PollReader.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(PollReader.backoff(40)).isEqualTo(Duration.ofMinutes(5));
    }
}
