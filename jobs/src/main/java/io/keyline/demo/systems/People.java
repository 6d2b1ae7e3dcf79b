package io.keyline.demo.systems;

import io.keyline.demo.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The people of the systems part, after the AWS estate's people: a director, a security lead, four
 * people per team (a lead and three members who report to the lead) and a contractor. Only they
 * ever leave: the third member of every seventh team departs inside the window, so the AWS estate's
 * owners keep the status its ground truth assumes.
 */
final class People {

    /**
     * One person of the directory.
     *
     * @param endDate the last day (midnight UTC, epoch seconds) of a person who left, else -1
     * @param login the person's login on GitHub, an alias in the directory
     */
    record Person(
            String personId,
            String email,
            String name,
            String department,
            String manager,
            boolean departed,
            long endDate,
            String login) {}

    static final int DIRECTOR = 0;
    static final int SECURITY = 1;

    private final Window w;
    private final int teams;
    private final Person[] people;

    People(Window w, int teams) {
        this.w = w;
        this.teams = teams;
        this.people = new Person[3 + 4 * teams];
        for (int n = 0; n < people.length; n++) {
            people[n] = make(n);
        }
    }

    int size() {
        return people.length;
    }

    Person get(int n) {
        return people[n];
    }

    static int lead(int team) {
        return 2 + 4 * team;
    }

    /** Member {@code i} (1 to 3) of a team. */
    static int member(int team, int i) {
        return 2 + 4 * team + i;
    }

    int contractor() {
        return 2 + 4 * teams;
    }

    /** True when the team's third member leaves inside the window. */
    static boolean hasDeparture(int team) {
        return team % 7 == 0;
    }

    String email(int n) {
        return people[n].email();
    }

    String login(int n) {
        return people[n].login();
    }

    /** The people of the AWS estate, as the directory lists them: all active, none leaving. */
    Person estatePerson(int k) {
        String email = Names.email(k);
        String manager = k % 10 != 0 ? Names.email(k - k % 10) : email(DIRECTOR);
        return new Person(
                personId(k),
                email,
                nameOf(email),
                Names.TEAMS[k % Names.TEAMS.length],
                manager,
                false,
                -1,
                null);
    }

    /** The logins the directory knows a person by: the e-mail address and any alias. */
    static List<String> logins(Person p) {
        List<String> logins = new ArrayList<>(2);
        logins.add(p.email());
        if (p.login() != null) {
            logins.add(p.login());
        }
        return logins;
    }

    private Person make(int n) {
        String email = Names.email(w.estatePeople + n);
        String department;
        String manager;
        boolean departed = false;
        long endDate = -1;
        if (n == DIRECTOR) {
            department = "Engineering";
            manager = null;
        } else if (n == SECURITY || n == contractor()) {
            department = n == SECURITY ? "Security" : "Contractors";
            manager = n == SECURITY ? emailOf(DIRECTOR) : emailOf(lead(0));
        } else {
            int team = (n - 2) / 4;
            department = Teams.name(team);
            boolean lead = (n - 2) % 4 == 0;
            manager = lead ? emailOf(DIRECTOR) : emailOf(lead(team));
            if (!lead && (n - 2) % 4 == 3 && hasDeparture(team)) {
                departed = true;
                endDate = w.dayStart(departureDay(team));
            }
        }
        return new Person(
                personId(w.estatePeople + n),
                email,
                nameOf(email),
                department,
                manager,
                departed,
                endDate,
                email.substring(0, email.indexOf('@')).replace('.', '-'));
    }

    /**
     * The day a team's leaver leaves: inside the window and after its first day, so that what they
     * create on the first day comes before they leave (a one-day window has only day 0).
     */
    int departureDay(int team) {
        return w.days >= 2 ? 1 + ((team / 7) * 5 + w.days / 2) % (w.days - 1) : 0;
    }

    private String emailOf(int n) {
        return Names.email(w.estatePeople + n);
    }

    private static String personId(int k) {
        return "E" + (100000 + k);
    }

    /** {@code Ada Adams} for {@code ada.adams2@example.com}. */
    static String nameOf(String email) {
        String local = email.substring(0, email.indexOf('@')).replaceAll("[0-9]+$", "");
        StringBuilder b = new StringBuilder();
        for (String part : local.split("\\.")) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        return b.toString();
    }
}
