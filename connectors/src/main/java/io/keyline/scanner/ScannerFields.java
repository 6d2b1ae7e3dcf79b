package io.keyline.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.ListingEvents;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.Timestamps;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;

/**
 * Reads the fields of a scanner finding with the checks every scanner parser shares: strings that
 * must be strings, line numbers, the secret itself (refused when the scanner redacted it), commit
 * times in the shapes scanners write, and repository URLs without any credentials in them. It also
 * makes the copy of a finding that may be rejected: only fields known to hold no secret are kept.
 */
@Internal
final class ScannerFields {

    /** What a rejection carries when nothing of the input can be kept safely. */
    static final byte[] NO_PAYLOAD = new byte[0];

    /** The longest file path or other place name accepted, in characters. */
    static final int MAX_PLACE_LENGTH = 4096;

    static final String REDACTED_REASON =
            "the finding's secret is redacted; run the scanner without redaction so Keyline can"
                    + " fingerprint it";

    /** The month-first date of some gitleaks reports, {@code 10-19-2003}. */
    private static final Pattern MONTH_FIRST_DATE = Pattern.compile("(\\d{2})-(\\d{2})-(\\d{4})");

    /** The credentials part of a URL, {@code https://user:token@host/...}. */
    private static final Pattern URL_USER_INFO =
            Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@");

    private ScannerFields() {}

    /** The text of a field; null when it is missing, null or empty; rejects any other type. */
    static String string(JsonNode node, String field, String what) throws MalformedRecordException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedRecordException("the " + field + " of " + what + " is not a string");
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /** A file path or other place name: a string no longer than {@link #MAX_PLACE_LENGTH}. */
    static String place(JsonNode node, String field, String what) throws MalformedRecordException {
        String text = string(node, field, what);
        if (text != null && text.length() > MAX_PLACE_LENGTH) {
            throw new MalformedRecordException(
                    "the "
                            + field
                            + " of "
                            + what
                            + " is longer than "
                            + MAX_PLACE_LENGTH
                            + " characters");
        }
        return text;
    }

    /**
     * A line number, written as a number or (in CSV reports) as digits; null when it is missing or
     * not positive, which scanners write for "no line".
     */
    static String lineNumber(JsonNode node, String field, String what)
            throws MalformedRecordException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        long line;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            line = value.asLong();
        } else if (value.isTextual() && value.asText().trim().matches("-?\\d{1,18}")) {
            line = Long.parseLong(value.asText().trim());
        } else if (value.isTextual() && value.asText().isBlank()) {
            return null;
        } else {
            throw new MalformedRecordException(
                    "the " + field + " of " + what + " is not a whole number");
        }
        return line > 0 ? Long.toString(line) : null;
    }

    /**
     * The secret value of a finding. Rejects a finding without one, and one whose secret the
     * scanner redacted: wholly ({@code REDACTED}, or {@code REDACT} in early gitleaks 8) or in part
     * (gitleaks {@code --redact=N} keeps a prefix and appends {@code ...}), since a fingerprint of
     * what is left would name no real credential.
     */
    static String secret(JsonNode node, String field, String what) throws MalformedRecordException {
        JsonNode value = node.get(field);
        if (value != null && !value.isNull() && !value.isTextual()) {
            throw new MalformedRecordException("the " + field + " of " + what + " is not a string");
        }
        String secret = value == null || value.isNull() ? "" : value.asText().trim();
        if (secret.isEmpty()) {
            throw new MalformedRecordException(what + " has no " + field);
        }
        if (secret.equals("REDACTED") || secret.equals("REDACT") || secret.endsWith("...")) {
            throw new MalformedRecordException(REDACTED_REASON);
        }
        return secret;
    }

    /**
     * The time of a commit as a scanner wrote it, or null when it is missing, not a time Keyline
     * reads, or Go's zero time ({@code 0001-01-01T00:00:00Z}, written for files outside git).
     */
    static Long commitTime(String text) {
        if (text == null) {
            return null;
        }
        Long time = Timestamps.parseOrNull(text);
        if (time == null) {
            time = monthFirstDate(text.trim());
        }
        return time == null || time < 0 ? null : time;
    }

    /**
     * A repository URL as a place name: credentials embedded in it removed, and a trailing {@code
     * .git} or slash dropped, so that the same repository reads the same from every scanner.
     */
    static String repository(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String clean = URL_USER_INFO.matcher(url.trim()).replaceFirst("$1");
        while (clean.endsWith("/")) {
            clean = clean.substring(0, clean.length() - 1);
        }
        if (clean.toLowerCase(Locale.ROOT).endsWith(".git")) {
            clean = clean.substring(0, clean.length() - 4);
        }
        return clean.isEmpty() ? null : clean;
    }

    /**
     * A copy of a finding with only the top-level fields named in {@code kept} (lower case; the
     * match ignores case): what a rejection may carry. Every other field, the secret, the matched
     * text, the commit message and whatever a newer scanner version adds, is left out.
     */
    static byte[] keptOnly(JsonNode finding, Set<String> kept) {
        if (!finding.isObject()) {
            return NO_PAYLOAD;
        }
        ObjectNode copy = finding.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = copy.fields();
        while (fields.hasNext()) {
            if (!kept.contains(fields.next().getKey().toLowerCase(Locale.ROOT))) {
                fields.remove();
            }
        }
        return ListingEvents.bytes(copy);
    }

    private static Long monthFirstDate(String text) {
        Matcher m = MONTH_FIRST_DATE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        try {
            return LocalDate.of(
                            Integer.parseInt(m.group(3)),
                            Integer.parseInt(m.group(1)),
                            Integer.parseInt(m.group(2)))
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
