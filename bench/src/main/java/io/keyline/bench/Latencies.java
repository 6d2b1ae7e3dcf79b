package io.keyline.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.util.Preconditions;

/** The latencies of one measure, in milliseconds, and their percentiles by nearest rank. */
final class Latencies {

    private final List<Long> millis = new ArrayList<>();

    void add(long ms) {
        Preconditions.checkArgument(ms >= 0, "A latency cannot be negative, but was %s ms.", ms);
        millis.add(ms);
    }

    int count() {
        return millis.size();
    }

    /**
     * The smallest latency that at least {@code percent} % of the samples do not exceed (nearest
     * rank): with 20 samples, p95 is the 19th smallest.
     */
    long percentile(int percent) {
        Preconditions.checkArgument(
                percent > 0 && percent <= 100,
                "A percentile is between 1 and 100, but was %s.",
                percent);
        Preconditions.checkState(
                !millis.isEmpty(), "There are no samples to take a percentile of.");
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(rank - 1);
    }

    long max() {
        return percentile(100);
    }

    /** Every latency, in the order measured. */
    List<Long> all() {
        return List.copyOf(millis);
    }
}
