package io.keyline.source.poll;

import org.apache.flink.annotation.PublicEvolving;

/**
 * What a collector fetched, whole, before it is cut into records: an API's page or listing as the
 * vendor's own export of that format would hold it.
 *
 * @param format the name of its format ({@code okta-system-log}, {@code aws-access-keys}...)
 * @param origin where it came from, as a path whose folder below the format names the org, account
 *     or cluster ({@code collector:okta-system-log/acme/api/v1/logs})
 * @param observedAt when it was fetched (for a listing: when the listing began), epoch millis
 * @param content its bytes, JSON or CSV, plain or gzip
 */
@PublicEvolving
public record Document(String format, String origin, long observedAt, byte[] content) {

    /**
     * The origin of what a collector fetched: {@code collector:/<format>/<folder><path>}, a path
     * whose folder below the format is the org, account or cluster, as in the input-folder layout.
     *
     * @param path the rest, starting with {@code /} (the API's path), or empty
     */
    public static String origin(String format, String folder, String path) {
        return "collector:/" + format + "/" + folder + path;
    }
}
