package io.keyline.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.source.poll.Batch;
import io.keyline.source.poll.CollectorException;
import io.keyline.source.poll.Document;
import io.keyline.source.poll.Feed;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Follows an organization's audit log in ascending order, page by page, with the cursor GitHub puts
 * in each page's {@code Link} header ({@code after=}).
 *
 * <p>GitHub gives no cursor past the last page. So when a page has no next one, the stream has
 * caught up and its next request is a new query from the newest event's second ({@code
 * phrase=created:>=...}): the events of that second come again, and the job drops them as
 * duplicates by their event id, GitHub's {@code _document_id}. The feed's cursor is that newest
 * time, in epoch milliseconds, then the URL of the next request.
 */
final class GitHubAuditFeed implements Feed {

    private static final String FORMAT = GitHubAuditParser.SOURCE;

    /** How GitHub's audit log search writes a time: seconds, with the offset spelled out. */
    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'").withZone(ZoneOffset.UTC);

    private final GitHubApi api;
    private final String org;
    private final long since;
    private final int pageSize;
    private final Clock clock;

    GitHubAuditFeed(GitHubApi api, String org, long since, int pageSize, Clock clock) {
        this.api = api;
        this.org = org;
        this.since = since;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    @Override
    public Batch next(String cursor) throws IOException, InterruptedException {
        long newest = since;
        URI page = query(since);
        if (cursor != null) {
            int space = cursor.indexOf(' ');
            newest = Long.parseLong(cursor.substring(0, space));
            page = URI.create(cursor.substring(space + 1));
        }
        GitHubApi.Page p = api.get(page, GitHubCollector.AUDIT_FIX);
        JsonNode events = events(p.body(), page);
        for (JsonNode event : events) {
            JsonNode time = event.get("@timestamp");
            if (time != null && time.isNumber() && time.longValue() > newest) {
                newest = time.longValue();
            }
        }
        List<Document> documents =
                events.isEmpty()
                        ? List.of()
                        : List.of(
                                new Document(
                                        FORMAT,
                                        Document.origin(FORMAT, org, "/audit-log"),
                                        clock.millis(),
                                        p.body()));
        // An empty page ends the pages even if it names a next one, which could go on forever.
        if (p.next() != null && !events.isEmpty()) {
            return Batch.more(documents, newest + " " + p.next());
        }
        return Batch.caughtUp(documents, newest + " " + query(newest));
    }

    /** The first page of the events from the second of {@code from} on. */
    URI query(long from) {
        String phrase =
                "created:>="
                        + CREATED.format(
                                Instant.ofEpochMilli(from).truncatedTo(ChronoUnit.SECONDS));
        return api.url(
                "/orgs/"
                        + org
                        + "/audit-log?include=all&order=asc&per_page="
                        + pageSize
                        + "&phrase="
                        + URLEncoder.encode(phrase, StandardCharsets.UTF_8));
    }

    /** The events of a page, which is a JSON array. */
    private JsonNode events(byte[] body, URI page) throws IOException {
        JsonNode root;
        try {
            root = Json.read(body);
        } catch (MalformedRecordException e) {
            throw new IOException(
                    "The audit log of the GitHub organization "
                            + org
                            + " sent a page that is not whole JSON",
                    e);
        }
        if (!root.isArray()) {
            throw new CollectorException(
                    "The audit log of the GitHub organization "
                            + org
                            + " answered "
                            + page.getPath()
                            + " with something other than a JSON array of events.");
        }
        return root;
    }
}
