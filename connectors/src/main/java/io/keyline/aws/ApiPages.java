package io.keyline.aws;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The pages of an SDK listing as {@link io.keyline.source.poll.ListingFeed} keeps them: an opaque
 * URI that names the operation and carries the API's page token ({@code aws:ListUsers?<marker>}),
 * so that a checkpoint taken in the middle of a listing resumes at the next page.
 */
final class ApiPages {

    private static final String SCHEME = "aws:";

    private ApiPages() {}

    /** The first page of an operation. */
    static URI first(String operation) {
        return URI.create(SCHEME + operation);
    }

    /** The page of an operation that starts at {@code token}; null when there is no token. */
    static URI next(String operation, String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        return URI.create(
                SCHEME + operation + "?" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** The page token of a page, or null for the first page. */
    static String token(URI page) {
        String part = page.getRawSchemeSpecificPart();
        int q = part.indexOf('?');
        return q < 0 ? null : URLDecoder.decode(part.substring(q + 1), StandardCharsets.UTF_8);
    }
}
