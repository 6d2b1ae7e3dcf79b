package io.keyline.source.poll;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/**
 * A listing taken again at an interval (an API's tokens, users, keys), page by page, over one or
 * more endpoints in turn. Its cursor says where the current listing stands, so that a restart in
 * the middle of a listing resumes at the next page, and, between listings, when the last one ended,
 * so that a restart does not list again before the interval is over. Every page of one listing is
 * observed at the time the listing began.
 */
@PublicEvolving
public final class ListingFeed implements Feed {

    /** Reads one page of the listing. */
    @FunctionalInterface
    public interface PageReader {
        /**
         * @param page the page's URL
         * @param observedAt when the listing began, for the documents
         */
        Page read(URI page, long observedAt) throws IOException, InterruptedException;
    }

    /** One page: its documents and the next page of the same endpoint, or null. */
    public record Page(List<Document> documents, URI next) {}

    private final List<URI> endpoints;
    private final Duration every;
    private final Clock clock;
    private final PageReader reader;

    /**
     * @param endpoints the first page of each endpoint, listed in this order
     * @param every the time from the end of one listing to the start of the next
     */
    public ListingFeed(List<URI> endpoints, Duration every, Clock clock, PageReader reader) {
        this.endpoints = List.copyOf(endpoints);
        this.every = every;
        this.clock = clock;
        this.reader = reader;
    }

    @Override
    public Batch next(String cursor) throws IOException, InterruptedException {
        long now = clock.millis();
        long started;
        int endpoint;
        URI page;
        if (cursor != null && cursor.startsWith("done ")) {
            long ended = Long.parseLong(cursor.substring(5));
            if (now - ended < every.toMillis()) {
                return Batch.caughtUp(List.of(), cursor);
            }
            cursor = null;
        }
        if (cursor == null) {
            started = now;
            endpoint = 0;
            page = endpoints.get(0);
        } else {
            // "page <started> <endpoint> <url>"
            String[] parts = cursor.split(" ", 4);
            started = Long.parseLong(parts[1]);
            endpoint = Integer.parseInt(parts[2]);
            page = URI.create(parts[3]);
        }
        Page p = reader.read(page, started);
        if (p.next() != null) {
            return Batch.more(p.documents(), "page " + started + " " + endpoint + " " + p.next());
        }
        if (endpoint + 1 < endpoints.size()) {
            return Batch.more(
                    p.documents(),
                    "page " + started + " " + (endpoint + 1) + " " + endpoints.get(endpoint + 1));
        }
        return Batch.caughtUp(p.documents(), "done " + clock.millis());
    }
}
