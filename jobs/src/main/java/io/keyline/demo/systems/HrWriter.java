package io.keyline.demo.systems;

import io.keyline.demo.TimeFormats;
import io.keyline.demo.systems.People.Person;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the HR directory, {@code hr-people/<stamp>-people.csv}: every person of the AWS estate
 * (all active, as its ground truth assumes) and the people of the systems part, with managers,
 * departments, the end date of those who left and each one's GitHub login as an alias.
 */
final class HrWriter {

    static final String FORMAT = "hr-people";
    static final String HEADER =
            "person_id,email,name,status,manager_email,department,end_date,aliases";

    private HrWriter() {}

    static void write(Context c) throws IOException {
        StringBuilder csv = new StringBuilder(64 * (c.w.estatePeople + c.people.size()));
        csv.append(HEADER).append('\n');
        for (int k = 0; k < c.w.estatePeople; k++) {
            row(csv, c.people.estatePerson(k));
        }
        for (int n = 0; n < c.people.size(); n++) {
            Person p = c.people.get(n);
            row(csv, p);
            c.book.person(
                    new TruthBook.Person(
                            p.email(),
                            p.departed(),
                            p.manager(),
                            p.departed() ? Window.ms(p.endDate()) : null),
                    People.logins(p));
        }
        Path file = c.out.file(FORMAT, c.w.stamp + "-people.csv");
        c.out.text(FORMAT, file, c.w.estatePeople + c.people.size(), csv.toString());
    }

    private static void row(StringBuilder csv, Person p) {
        csv.append(p.personId())
                .append(',')
                .append(p.email())
                .append(',')
                .append(p.name())
                .append(',')
                .append(p.departed() ? "departed" : "active")
                .append(',')
                .append(p.manager() == null ? "" : p.manager())
                .append(',')
                .append(p.department())
                .append(',')
                .append(p.departed() ? TimeFormats.day(p.endDate()) : "")
                .append(',')
                .append(p.login() == null ? "" : p.login())
                .append('\n');
    }
}
