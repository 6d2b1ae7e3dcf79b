package io.keyline.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.Csv;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.OriginPaths;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * A gitleaks report, read whole: the JSON report ({@code --report-format json}: an array of
 * findings, or one finding; gitleaks 8 or 7 field names) or the CSV report ({@code --report-format
 * csv}, gitleaks 8 or 7 columns), told apart by the first character of the file. Each finding is a
 * {@code STORED_AT} of the credential its secret is, and an {@code OWNER_HINT} of the commit author
 * ({@link FindingEvents}); gitleaks does not name the scanned repository, so the folder the report
 * was put in ({@code <input>/gitleaks/<repository>/report.json}) names it when its link does not.
 *
 * <p>The report carries secrets in several fields ({@code Secret}, {@code Match}, {@code Line},
 * {@code Context}, {@code offender}, {@code line}, and commit messages): a rejected finding keeps
 * only the fields of {@link GitleaksFinding#KEPT}, and input that cannot be read at all is rejected
 * without its bytes. A finding whose secret gitleaks redacted ({@code --redact}) is rejected:
 * nothing is left to fingerprint.
 */
@Internal
public final class GitleaksParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "gitleaks";

    private final FindingEvents events;

    public GitleaksParser(Fingerprinter fingerprinter) {
        this.events = new FindingEvents(SOURCE, fingerprinter);
    }

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        String text = new String(record.getPayload(), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String start = text.stripLeading();
        if (start.isEmpty()) {
            return;
        }
        String folder = OriginPaths.folderBelow(record.getOrigin(), SOURCE);
        if (start.charAt(0) == '[' || start.charAt(0) == '{' || start.startsWith("null")) {
            json(text, folder, record.getObservedAt(), out);
        } else {
            csv(text, folder, record.getObservedAt(), out);
        }
    }

    /** The JSON report: an array of findings, one finding, or null for none. */
    private void json(String text, String folder, long observedAt, ParseOutput out) {
        JsonNode root;
        try {
            root = Json.read(text.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedRecordException e) {
            out.reject(e.getMessage(), ScannerFields.NO_PAYLOAD);
            return;
        }
        if (root.isNull()) {
            return;
        }
        if (root.isArray()) {
            for (JsonNode finding : root) {
                finding(finding, folder, observedAt, out, "");
            }
        } else if (root.isObject() && GitleaksFinding.looksLikeFinding(root)) {
            finding(root, folder, observedAt, out, "");
        } else {
            out.reject(
                    "the gitleaks report is neither an array of findings nor one finding",
                    ScannerFields.NO_PAYLOAD);
        }
    }

    /** The CSV report: a header naming the columns, then one finding per row. */
    private void csv(String text, String folder, long observedAt, ParseOutput out) {
        List<Csv.Row> rows = Csv.rows(text);
        if (rows.isEmpty()) {
            return;
        }
        List<String> header = rows.get(0).fields().stream().map(String::trim).toList();
        if (!(header.contains("Secret") && header.contains("File"))
                && !(header.contains("offender") && header.contains("file"))) {
            out.reject(
                    "the gitleaks CSV report has neither the gitleaks 8 columns Secret and File"
                            + " nor the gitleaks 7 columns offender and file in its first row",
                    ScannerFields.NO_PAYLOAD);
            return;
        }
        for (Csv.Row row : rows.subList(1, rows.size())) {
            String where = " (row " + row.number() + " of the CSV report)";
            // A row that does not split into the header's columns cannot be told apart into
            // fields, so none of its text is safe to keep.
            if (row.unclosedQuote()) {
                out.reject("a quoted field is never closed" + where, ScannerFields.NO_PAYLOAD);
                continue;
            }
            if (row.fields().size() != header.size()) {
                out.reject(
                        "the row has "
                                + row.fields().size()
                                + " fields where the header has "
                                + header.size()
                                + where,
                        ScannerFields.NO_PAYLOAD);
                continue;
            }
            ObjectNode finding = Json.MAPPER.createObjectNode();
            for (int i = 0; i < header.size(); i++) {
                finding.put(header.get(i), row.fields().get(i));
            }
            finding(finding, folder, observedAt, out, where);
        }
    }

    private void finding(
            JsonNode node, String folder, long observedAt, ParseOutput out, String where) {
        if (!node.isObject()) {
            out.reject(GitleaksFinding.WHAT + " is not a JSON object", ScannerFields.NO_PAYLOAD);
            return;
        }
        ScannerFinding finding;
        try {
            finding = GitleaksFinding.read(node, folder);
        } catch (MalformedRecordException e) {
            out.reject(e.getMessage() + where, ScannerFields.keptOnly(node, GitleaksFinding.KEPT));
            return;
        }
        events.emit(finding, observedAt, out);
    }
}
