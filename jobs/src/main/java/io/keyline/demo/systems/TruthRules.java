package io.keyline.demo.systems;

import io.keyline.demo.systems.TruthBook.Cred;
import io.keyline.demo.systems.TruthBook.Evidence;
import io.keyline.demo.systems.TruthBook.Ident;
import io.keyline.demo.systems.TruthBook.Person;
import io.keyline.model.Actors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Keyline's rules conclude from the facts of a {@link TruthBook} as of the end of the window,
 * with the default settings: the owner of each credential (evidence ranked tag, creator, commit
 * author, workload owner, team; resolved through the directory, the manager standing in for a
 * person who left) and the alerts due (exposed, orphaned, expiring, unused privileged, stale).
 */
final class TruthRules {

    static final String UNUSED = "unused-privileged-credential";
    static final String STALE = "stale-rotation";
    static final String ORPHANED = "orphaned-credential";
    static final String EXPOSED = "exposed-secret";
    static final String EXPIRING = "expiring-credential";

    private static final long DAY = 86_400_000L;
    private static final String[] RANKED = {
        "tag", "creator", "commit-author", "workload-owner", "team"
    };

    /** An owner, its source and status, and for an orphan who left and when. */
    record Owner(String owner, String source, String status, String former, Long departedAt) {
        static final Owner NONE = new Owner(null, null, "none", null, null);
    }

    /** One alert: its rule, severity and the time its condition became true. */
    record Alert(String rule, String severity, long time) {}

    private final TruthBook book;
    private final long asOf;

    TruthRules(TruthBook book, long asOf) {
        this.book = book;
        this.asOf = asOf;
    }

    Owner ofCredential(Cred c) {
        Ident i = book.identityOrNull(c.identity);
        return resolve(
                c.createdBy,
                c.evidence,
                i == null ? null : i.createdBy,
                i == null ? Map.of() : i.evidence);
    }

    Owner ofIdentity(Ident i) {
        return resolve(null, Map.of(), i.createdBy, i.evidence);
    }

    TruthBook.Tier tierOf(Cred c) {
        Ident i = book.identityOrNull(c.identity);
        return i == null ? TruthBook.Tier.NONE : i.tier;
    }

    /** The alerts of a credential due by the end, in the order Keyline's rules list them. */
    List<Alert> alerts(Cred c) {
        boolean privileged = tierOf(c).privileged();
        List<Alert> due = new ArrayList<>(4);
        Long exposed = c.exposedAt();
        if (exposed != null && !"Deleted".equals(c.status) && !"Inactive".equals(c.status)) {
            due.add(new Alert(EXPOSED, privileged ? "critical" : "high", exposed));
        }
        if ("Active".equals(c.status)) {
            Owner owner = ofCredential(c);
            if ("departed".equals(owner.status()) && owner.departedAt() != null) {
                due.add(new Alert(ORPHANED, "high", owner.departedAt()));
            }
            if (c.expiresAt != null) {
                due.add(new Alert(EXPIRING, "warning", c.expiresAt - 30 * DAY));
            } else if (c.neverExpires && c.createdAt != null) {
                due.add(new Alert(EXPIRING, "low", c.createdAt));
            }
            if (privileged) {
                if (c.lastUsed != null) {
                    due.add(new Alert(UNUSED, "high", c.lastUsed + 90 * DAY));
                } else if (c.createdAt != null) {
                    due.add(new Alert(UNUSED, "high", c.createdAt + 7 * DAY));
                }
            }
            if (c.createdAt != null) {
                due.add(new Alert(STALE, "warning", c.createdAt + 90 * DAY));
                if (privileged) {
                    due.add(new Alert(STALE, "high", c.createdAt + 365 * DAY));
                }
            }
        }
        due.removeIf(a -> a.time() > asOf);
        return due;
    }

    private Owner resolve(
            String credentialCreator,
            Map<String, Evidence> credentialEvidence,
            String identityCreator,
            Map<String, Evidence> identityEvidence) {
        for (String source : RANKED) {
            String[] candidates =
                    source.equals("creator")
                            ? new String[] {
                                credentialCreator,
                                identityCreator,
                                // Evidence that names a creator in a listing (who added a deploy
                                // key) counts as a creator too.
                                login(credentialEvidence, source),
                                login(identityEvidence, source)
                            }
                            : new String[] {
                                login(credentialEvidence, source), login(identityEvidence, source)
                            };
            for (String login : candidates) {
                if (login == null) {
                    continue;
                }
                Person person = book.person(login);
                if (person != null || Actors.isPerson(login)) {
                    return owner(login, source, person);
                }
            }
        }
        return Owner.NONE;
    }

    private Owner owner(String login, String source, Person person) {
        if (person == null) {
            return new Owner(login, source, "unknown", null, null);
        }
        if (!person.departed()) {
            return new Owner(person.email(), source, "active", null, null);
        }
        long left = person.endDate() != null ? person.endDate() : asOf;
        if (person.manager() == null) {
            return new Owner(person.email(), source, "departed", person.email(), left);
        }
        return new Owner(person.manager(), "hr-manager", "departed", person.email(), left);
    }

    private static String login(Map<String, Evidence> evidence, String source) {
        Evidence e = evidence.get(source);
        return e == null ? null : e.login();
    }
}
