package io.keyline.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.MalformedRecordException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.Internal;

/**
 * Reads one finding of TruffleHog's JSON output: the secret is {@code Raw} ({@code RawV2} only when
 * {@code Raw} is empty; for AWS {@code Raw} is the access key id, {@code RawV2} the id and the
 * secret key together), the detector is {@code DetectorName}, and the place, commit, line, author
 * and time come from {@code SourceMetadata.Data.<SourceType>} ({@link TrufflehogSources}).
 */
@Internal
final class TrufflehogFinding {

    static final String WHAT = "a TruffleHog finding";

    /**
     * The fields a rejected finding keeps, in lower case. {@code Raw}, {@code RawV2}, {@code
     * Redacted}, {@code ExtraData} and {@code StructuredData} hold the secret or parts of it; a
     * verification error may quote it.
     */
    static final Set<String> KEPT =
            Set.of(
                    "sourcemetadata",
                    "sourceid",
                    "sourcetype",
                    "sourcename",
                    "detectortype",
                    "detectorname",
                    "detectordescription",
                    "decodername",
                    "verified",
                    "verificationfromcache");

    private TrufflehogFinding() {}

    /**
     * True for one of TruffleHog's own log lines, which {@code --json} may write among the
     * findings: an object with {@code level} or {@code msg} and none of a finding's fields.
     */
    static boolean isLogLine(JsonNode node) {
        return (node.has("level") || node.has("msg"))
                && !node.has("SourceMetadata")
                && !node.has("DetectorName")
                && !node.has("Raw");
    }

    static ScannerFinding read(JsonNode node) throws MalformedRecordException {
        JsonNode metadata = node.get("SourceMetadata");
        if (metadata == null || metadata.isNull()) {
            throw new MalformedRecordException(WHAT + " has no SourceMetadata");
        }
        if (!metadata.isObject()) {
            throw new MalformedRecordException(
                    "the SourceMetadata of " + WHAT + " is not an object");
        }
        JsonNode data = metadata.get("Data");
        if (data == null || !data.isObject()) {
            throw new MalformedRecordException(
                    "the SourceMetadata of " + WHAT + " has no Data object");
        }
        Map.Entry<String, JsonNode> source = firstObject(data);
        if (source == null) {
            throw new MalformedRecordException(
                    "the SourceMetadata.Data of " + WHAT + " names no source");
        }
        String detector = detector(node);
        String secret = raw(node);
        JsonNode fields = source.getValue();
        TrufflehogSources.Place place = TrufflehogSources.of(source.getKey(), fields);
        return new ScannerFinding(
                secret,
                detector,
                place.location(),
                place.repository(),
                ScannerFields.string(fields, "commit", WHAT),
                ScannerFields.lineNumber(fields, "line", WHAT),
                ScannerFields.string(fields, "email", WHAT),
                ScannerFields.commitTime(timestamp(fields)));
    }

    /** The secret: {@code Raw}, or {@code RawV2} when {@code Raw} is empty. */
    private static String raw(JsonNode node) throws MalformedRecordException {
        JsonNode raw = node.get("Raw");
        if (raw != null && !raw.isNull() && !raw.isTextual()) {
            throw new MalformedRecordException("the Raw of " + WHAT + " is not a string");
        }
        if (raw != null && raw.isTextual() && !raw.asText().isBlank()) {
            return ScannerFields.secret(node, "Raw", WHAT);
        }
        JsonNode rawV2 = node.get("RawV2");
        if (rawV2 != null && rawV2.isTextual() && !rawV2.asText().isBlank()) {
            return ScannerFields.secret(node, "RawV2", WHAT);
        }
        throw new MalformedRecordException(WHAT + " has no Raw");
    }

    /** The detector's name, else its number. */
    private static String detector(JsonNode node) throws MalformedRecordException {
        String name = ScannerFields.string(node, "DetectorName", WHAT);
        if (name != null) {
            return name;
        }
        JsonNode type = node.get("DetectorType");
        return type != null && type.isIntegralNumber() ? type.asText() : null;
    }

    /** The source's time stamp when it is text; some sources write an object, left unread. */
    private static String timestamp(JsonNode fields) {
        JsonNode value = fields.get("timestamp");
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static Map.Entry<String, JsonNode> firstObject(JsonNode data) {
        Iterator<Map.Entry<String, JsonNode>> fields = data.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isObject()) {
                return field;
            }
        }
        return null;
    }
}
