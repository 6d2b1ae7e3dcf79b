package io.keyline.source.poll;

import java.io.IOException;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The reader of one stream of a collector: it fetches what follows a cursor. A feed is used by one
 * thread at a time; it holds its clients and credentials, never its position, which the source
 * checkpoints.
 *
 * <p>A feed retries what is worth retrying (HTTP 429 and 5xx, SDK throttling, broken connections)
 * with backoff itself, and throws an {@link IOException} when it gives up, which the reader retries
 * later. A {@link CollectorException} is permanent: missing permissions, a wrong org or account;
 * its message names them and the permission that is missing.
 */
@PublicEvolving
public interface Feed extends AutoCloseable {

    /**
     * Fetches what follows {@code cursor}.
     *
     * @param cursor the split's position, null for the start of the stream
     * @throws InterruptedException when the reader closes meanwhile
     */
    Batch next(String cursor) throws IOException, InterruptedException;

    /**
     * Acknowledges, after a checkpoint completed, the receipts of batches the checkpoint holds; for
     * feeds whose source forgets only what is acknowledged (a subscription, a queue).
     */
    default void acknowledge(List<String> receipts) throws IOException, InterruptedException {}

    @Override
    default void close() throws IOException {}
}
