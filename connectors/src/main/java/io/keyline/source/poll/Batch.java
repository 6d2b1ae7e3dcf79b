package io.keyline.source.poll;

import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/**
 * One answer of a feed: the documents it fetched, the cursor after them, and whether the stream
 * has, for now, nothing more.
 *
 * @param documents what was fetched, in order
 * @param cursor where the next request starts; the split's position once these are emitted
 * @param caughtUp true when the stream has nothing more for now: the reader waits for the poll
 *     interval (or, in a bounded run, ends the split)
 * @param receipts what to acknowledge once a checkpoint holding these documents completes (message
 *     ack ids), or empty
 */
@PublicEvolving
public record Batch(
        List<Document> documents, String cursor, boolean caughtUp, List<String> receipts) {

    public Batch {
        documents = List.copyOf(documents);
        receipts = List.copyOf(receipts);
    }

    /** Documents to emit, with more to fetch at once from {@code cursor}. */
    public static Batch more(List<Document> documents, String cursor) {
        return new Batch(documents, cursor, false, List.of());
    }

    /** The last documents there are for now; the next poll starts at {@code cursor}. */
    public static Batch caughtUp(List<Document> documents, String cursor) {
        return new Batch(documents, cursor, true, List.of());
    }
}
