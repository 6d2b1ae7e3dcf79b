package io.keyline.source.poll;

import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One stream a collector follows (an org's audit log, an account's key listing, a subscription),
 * with its position: the cursor of the next request, as Flink checkpoints it. A restart resumes at
 * the cursor, so it neither loses nor repeats what was emitted before the checkpoint.
 */
@PublicEvolving
public final class PollSplit implements SourceSplit {

    private final String id;
    private final String format;
    private final String cursor;

    /**
     * @param id the stream's stable, unique name ({@code okta-system-log/acme.okta.com})
     * @param format the format of what the stream yields, and of its dead letters
     * @param cursor where the next request starts, in the feed's own terms; null for the start
     */
    public PollSplit(String id, String format, String cursor) {
        this.id = Objects.requireNonNull(id, "id");
        this.format = Objects.requireNonNull(format, "format");
        this.cursor = cursor;
    }

    @Override
    public String splitId() {
        return id;
    }

    public String format() {
        return format;
    }

    /** The position of the next request; null before the first. */
    public String cursor() {
        return cursor;
    }

    public PollSplit withCursor(String next) {
        return new PollSplit(id, format, next);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PollSplit s
                && id.equals(s.id)
                && format.equals(s.format)
                && Objects.equals(cursor, s.cursor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, format, cursor);
    }

    @Override
    public String toString() {
        return id;
    }
}
