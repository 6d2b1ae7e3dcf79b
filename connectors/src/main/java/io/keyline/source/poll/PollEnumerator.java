package io.keyline.source.poll;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;

/**
 * Hands each stream of a collector to one reader, chosen by the stream's id, as readers register;
 * streams a failed reader had since its last checkpoint come back and are handed out again. Its
 * checkpoint is the streams not yet handed out.
 */
@Internal
final class PollEnumerator implements SplitEnumerator<PollSplit, Collection<PollSplit>> {

    private final SplitEnumeratorContext<PollSplit> context;
    private final boolean bounded;
    private final TreeMap<String, PollSplit> pending = new TreeMap<>();
    private final Set<Integer> toldNoMore = new HashSet<>();

    PollEnumerator(
            SplitEnumeratorContext<PollSplit> context,
            Collection<PollSplit> splits,
            boolean bounded) {
        this.context = context;
        this.bounded = bounded;
        splits.forEach(s -> pending.put(s.splitId(), s));
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtask, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<PollSplit> splits, int subtask) {
        splits.forEach(s -> pending.put(s.splitId(), s));
        toldNoMore.remove(subtask);
        assign();
    }

    @Override
    public void addReader(int subtask) {
        toldNoMore.remove(subtask);
        assign();
    }

    @Override
    public Collection<PollSplit> snapshotState(long checkpointId) {
        return new ArrayList<>(pending.values());
    }

    @Override
    public void close() {}

    /** The reader a stream belongs to, stable for a given parallelism. */
    static int owner(String splitId, int parallelism) {
        return Math.floorMod(splitId.hashCode(), parallelism);
    }

    private void assign() {
        int parallelism = context.currentParallelism();
        Set<Integer> readers = context.registeredReaders().keySet();
        Map<Integer, List<PollSplit>> assignment = new HashMap<>();
        Set<Integer> waiting = new HashSet<>();
        for (Iterator<PollSplit> it = pending.values().iterator(); it.hasNext(); ) {
            PollSplit split = it.next();
            int owner = owner(split.splitId(), parallelism);
            if (readers.contains(owner)) {
                assignment.computeIfAbsent(owner, k -> new ArrayList<>()).add(split);
                it.remove();
            } else {
                waiting.add(owner);
            }
        }
        if (!assignment.isEmpty()) {
            context.assignSplits(new SplitsAssignment<>(assignment));
        }
        if (bounded) {
            for (int reader : readers) {
                if (!waiting.contains(reader) && toldNoMore.add(reader)) {
                    context.signalNoMoreSplits(reader);
                }
            }
        }
    }
}
