package io.keyline.format;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * Splits CSV text (RFC 4180) into rows: fields separated by commas, rows by CRLF or LF, and fields
 * in double quotes that may hold commas, line breaks and doubled quotes. The last row may end
 * without a line break; blank lines are skipped. Each row keeps its number and its own text, so
 * that a bad row can be rejected alone.
 */
@Internal
public final class Csv {

    /**
     * One row: the line it starts on (the first line of the text is 1), its fields, its text
     * without the line break, and whether a quoted field in it is never closed.
     */
    public record Row(int number, List<String> fields, String text, boolean unclosedQuote) {}

    private Csv() {}

    public static List<Row> rows(String text) {
        List<Row> rows = new ArrayList<>();
        int n = text.length();
        int i = 0;
        int line = 1;
        while (i < n) {
            int start = i;
            int startLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int end = n;
            while (i < n) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    if (c == '"') {
                        quoted = false;
                    } else {
                        line += c == '\n' ? 1 : 0;
                        field.append(c);
                    }
                    i++;
                } else if (c == '"') {
                    quoted = true;
                    i++;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    i++;
                } else if (c == '\n' || c == '\r') {
                    end = i;
                    i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                    line++;
                    break;
                } else {
                    field.append(c);
                    i++;
                }
            }
            fields.add(field.toString());
            String rowText = text.substring(start, end);
            if (!rowText.isBlank()) {
                rows.add(new Row(startLine, List.copyOf(fields), rowText, quoted));
            }
        }
        return rows;
    }
}
