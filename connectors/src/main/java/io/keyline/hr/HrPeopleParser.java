package io.keyline.hr;

import io.keyline.format.Csv;
import io.keyline.format.ListingEvents;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.Internal;

/**
 * The HR directory ({@code hr-people}): who works here, who manages whom, and who has left. A file
 * is either a CSV with the header {@code
 * person_id,email,name,status,manager_email,department,end_date,aliases} (RFC 4180 quoting, an
 * optional byte order mark, CRLF or LF line breaks), or JSON: one object per line with the same
 * field names, or an array of them. The first character that is not blank tells which: {@code {}
 * or {@code [} is JSON, anything else CSV.
 *
 * <p>Each person is a {@code PERSON} event at the time of the file ({@link HrPerson}). A row that
 * breaks the rules is rejected alone, as is a row that repeats an earlier person_id; a CSV with
 * another header is rejected whole.
 */
@Internal
public final class HrPeopleParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "hr-people";

    static final String HEADER = String.join(",", HrPerson.FIELDS);

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        String text = new String(record.getPayload(), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String content = text.stripLeading();
        if (content.isEmpty()) {
            out.reject("the hr-people file is empty", record.getPayload());
            return;
        }
        People people = new People(new ListingEvents(SOURCE, record.getObservedAt(), out));
        char first = content.charAt(0);
        if (first == '{' || first == '[') {
            HrPeopleJson.read(text, record.getPayload(), people);
        } else {
            csv(text, record.getPayload(), people);
        }
    }

    private static void csv(String text, byte[] payload, People people) {
        List<Csv.Row> rows = Csv.rows(text);
        Csv.Row header = rows.get(0);
        if (header.unclosedQuote() || !isHeader(header.fields())) {
            people.events.reject(
                    "the hr-people CSV does not start with the header " + HEADER, payload);
            return;
        }
        for (Csv.Row row : rows.subList(1, rows.size())) {
            String where = "row " + row.number() + " of the hr-people CSV";
            byte[] rowBytes = row.text().getBytes(StandardCharsets.UTF_8);
            if (row.unclosedQuote()) {
                people.events.reject(where + " has a quoted field that is never closed", rowBytes);
                continue;
            }
            if (row.fields().size() != HrPerson.FIELDS.size()) {
                people.events.reject(
                        where
                                + " has "
                                + row.fields().size()
                                + " fields where the header has "
                                + HrPerson.FIELDS.size(),
                        rowBytes);
                continue;
            }
            Map<String, String> fields = new HashMap<>();
            for (int i = 0; i < HrPerson.FIELDS.size(); i++) {
                fields.put(HrPerson.FIELDS.get(i), row.fields().get(i));
            }
            people.add(fields, where, rowBytes);
        }
    }

    private static boolean isHeader(List<String> fields) {
        if (fields.size() != HrPerson.FIELDS.size()) {
            return false;
        }
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.get(i).trim().toLowerCase(Locale.ROOT).equals(HrPerson.FIELDS.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The people of one file: each checked, and emitted once per person_id. */
    static final class People {

        final ListingEvents events;
        private final Set<String> seen = new HashSet<>();

        People(ListingEvents events) {
            this.events = events;
        }

        void add(Map<String, String> fields, String where, byte[] payload) {
            HrPerson person;
            try {
                person = HrPerson.read(fields, where);
            } catch (MalformedRecordException e) {
                events.reject(e.getMessage(), payload);
                return;
            }
            if (!seen.add(person.personId())) {
                events.reject(where + " repeats the person_id of an earlier person", payload);
                return;
            }
            events.emit(person.toEvent(events));
        }
    }
}
