package io.keyline.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import org.apache.flink.annotation.Internal;

/**
 * TruffleHog's JSON output ({@code trufflehog <source> --json}): one finding per line (an array of
 * findings is read too). Each finding is a {@code STORED_AT} of the credential its secret is and,
 * when the source names an author's e-mail, an {@code OWNER_HINT} of that author ({@link
 * FindingEvents}). TruffleHog's own log lines, when they are mixed into the output, are skipped.
 *
 * <p>A finding carries its secret in {@code Raw}, {@code RawV2}, {@code Redacted}, {@code
 * ExtraData} and {@code StructuredData}: a rejected finding keeps only the fields of {@link
 * TrufflehogFinding#KEPT}, and a line that is not JSON is rejected without its bytes.
 */
@Internal
public final class TrufflehogParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "trufflehog";

    private final FindingEvents events;

    public TrufflehogParser(Fingerprinter fingerprinter) {
        this.events = new FindingEvents(SOURCE, fingerprinter);
    }

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root;
        try {
            root = Json.read(record.getPayload());
        } catch (MalformedRecordException e) {
            out.reject(e.getMessage(), ScannerFields.NO_PAYLOAD);
            return;
        }
        if (root.isArray()) {
            for (JsonNode finding : root) {
                finding(finding, record.getObservedAt(), out);
            }
        } else {
            finding(root, record.getObservedAt(), out);
        }
    }

    private void finding(JsonNode node, long observedAt, ParseOutput out) {
        if (!node.isObject()) {
            out.reject(TrufflehogFinding.WHAT + " is not a JSON object", ScannerFields.NO_PAYLOAD);
            return;
        }
        if (TrufflehogFinding.isLogLine(node)) {
            return;
        }
        ScannerFinding finding;
        try {
            finding = TrufflehogFinding.read(node);
        } catch (MalformedRecordException e) {
            out.reject(e.getMessage(), ScannerFields.keptOnly(node, TrufflehogFinding.KEPT));
            return;
        }
        events.emit(finding, observedAt, out);
    }
}
