package io.keyline.okta;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.keyline.format.Json;
import io.keyline.source.poll.Batch;
import io.keyline.source.poll.CollectorException;
import io.keyline.source.poll.Document;
import io.keyline.source.poll.Feed;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * Follows an Okta org's System Log in ascending order. Its cursor is the next page's URL, which
 * carries Okta's {@code after} cursor: Okta returns one on every page, an empty page when nothing
 * is new, so the same URL is asked again at the next poll. A page shorter than the page size means
 * the log has caught up.
 */
final class OktaLogFeed implements Feed {

    private final OktaApi api;
    private final String org;
    private final URI first;
    private final int pageSize;

    OktaLogFeed(OktaApi api, String org, URI first, int pageSize) {
        this.api = api;
        this.org = org;
        this.first = first;
        this.pageSize = pageSize;
    }

    @Override
    public Batch next(String cursor) throws IOException, InterruptedException {
        URI page = cursor == null ? first : URI.create(cursor);
        OktaApi.Page p = api.get(page);
        int events = count(p.body(), page);
        String next = p.next() != null ? p.next().toString() : page.toString();
        List<Document> documents =
                events == 0
                        ? List.of()
                        : List.of(
                                new Document(
                                        "okta-system-log",
                                        Document.origin("okta-system-log", org, "/api/v1/logs"),
                                        System.currentTimeMillis(),
                                        p.body()));
        return events < pageSize ? Batch.caughtUp(documents, next) : Batch.more(documents, next);
    }

    /** The events of a page, which is a JSON array. */
    private static int count(byte[] body, URI page) throws IOException {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new CollectorException(
                        "The Okta System Log answered "
                                + page.getPath()
                                + " with something other than a JSON array of events.");
            }
            int n = 0;
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                parser.skipChildren();
                n++;
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("The Okta System Log sent a page that is not whole JSON", e);
        }
    }
}
