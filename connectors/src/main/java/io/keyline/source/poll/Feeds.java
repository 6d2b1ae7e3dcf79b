package io.keyline.source.poll;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/**
 * A collector: the streams it follows and how to open a feed over each. It is serialized into the
 * job, so it holds settings and the names of credentials (an environment variable, a file), never a
 * credential itself: feeds read those where they run.
 */
@PublicEvolving
public interface Feeds extends Serializable {

    /** A short name for the operator's uid and the logs ({@code okta}, {@code aws}). */
    String name();

    /**
     * The streams to follow, each at its start (a null cursor). Called once per job, on the job
     * manager; may call the vendor's API (to list an organization's accounts).
     */
    List<PollSplit> splits() throws IOException;

    /** Opens the feed of one stream, on the task that reads it. */
    Feed open(PollSplit split) throws IOException;
}
