package io.keyline.inventory;

import io.keyline.model.Actors;
import io.keyline.model.OwnerSources;
import java.util.List;
import java.util.Locale;

/**
 * Who owns an identity or credential: the strongest evidence the identity stage holds, resolved to
 * a person through the HR directory.
 *
 * <p>Evidence, strongest first: an owner tag on the credential, then on its identity; the person
 * who created the credential, then the identity; the author of the commit where the credential was
 * found; the owner of a workload that uses it; the team that owns the account. A candidate counts
 * when it is a person's e-mail or the directory knows the login. When the directory says the owner
 * has left, the credential is orphaned: the owner's manager becomes the owner ({@value #MANAGER})
 * and the person who left is kept as the former owner.
 */
final class Ownership {

    static final String MANAGER = "hr-manager";

    /** Owner status values. */
    static final String ACTIVE = "active";

    static final String DEPARTED = "departed";
    static final String UNKNOWN = "unknown";
    static final String NONE = "none";

    /** How far confidence drops when the directory does not know the owner, or they left. */
    private static final double UNKNOWN_TO_DIRECTORY = 0.6;

    private static final double MANAGER_FALLBACK = 0.8;

    /** The most pieces of evidence and directory facts kept per credential or identity. */
    static final int MAX_FACTS = 8;

    /**
     * An owner: who, from which evidence, how sure, the status the directory gives the evidenced
     * person, and for an orphan the person who left and when.
     */
    record Owner(
            String owner,
            String source,
            Double confidence,
            String status,
            String formerOwner,
            Long departedAt) {
        static final Owner NONE = new Owner(null, null, null, Ownership.NONE, null, null);
    }

    private Ownership() {}

    static Owner ofIdentity(IdentityState s) {
        return resolve(null, null, s.record.createdBy, s.evidence, s.people, List.of());
    }

    static Owner ofCredential(IdentityState s, CredentialRecord c) {
        return resolve(
                c.createdBy, c.ownerEvidence, s.record.createdBy, s.evidence, s.people, c.people);
    }

    private static Owner resolve(
            String credentialCreator,
            List<OwnerEvidence> credentialEvidence,
            String identityCreator,
            List<OwnerEvidence> identityEvidence,
            List<PersonFact> identityPeople,
            List<PersonFact> credentialPeople) {
        for (String source : OwnerSources.RANKED) {
            String[] candidates =
                    OwnerSources.CREATOR.equals(source)
                            ? new String[] {
                                credentialCreator,
                                latest(credentialEvidence, source),
                                identityCreator,
                                latest(identityEvidence, source)
                            }
                            : new String[] {
                                latest(credentialEvidence, source), latest(identityEvidence, source)
                            };
            for (String login : candidates) {
                if (login == null) {
                    continue;
                }
                PersonFact person = find(credentialPeople, login);
                if (person == null) {
                    person = find(identityPeople, login);
                }
                if (person != null || Actors.isPerson(login)) {
                    return owner(login, source, person);
                }
            }
        }
        return Owner.NONE;
    }

    private static Owner owner(String login, String source, PersonFact person) {
        double confidence = OwnerSources.confidence(source);
        if (person == null) {
            return new Owner(login, source, confidence * UNKNOWN_TO_DIRECTORY, UNKNOWN, null, null);
        }
        String email = person.email != null ? person.email : login;
        if (!person.isDeparted()) {
            return new Owner(email, source, confidence, ACTIVE, null, null);
        }
        if (person.managerEmail == null) {
            return new Owner(email, source, confidence, DEPARTED, email, person.departedAt());
        }
        return new Owner(
                person.managerEmail,
                MANAGER,
                confidence * MANAGER_FALLBACK,
                DEPARTED,
                email,
                person.departedAt());
    }

    /** Notes a piece of evidence; keeps the latest of each source. */
    static boolean note(List<OwnerEvidence> evidence, String login, String given, long time) {
        String normalized = normalize(login);
        if (normalized == null) {
            return false;
        }
        String source = given == null ? OwnerSources.TAG : given;
        for (OwnerEvidence e : evidence) {
            if (e.source.equals(source)) {
                if (time < e.time || e.login.equals(normalized)) {
                    e.time = Math.max(e.time, time);
                    return false;
                }
                e.login = normalized;
                e.time = time;
                return true;
            }
        }
        if (evidence.size() >= MAX_FACTS) {
            return false;
        }
        evidence.add(new OwnerEvidence(normalized, source, time));
        return true;
    }

    /** Notes what the directory says of a login; keeps the latest fact per login. */
    static boolean note(List<PersonFact> people, PersonFact fact) {
        for (int i = 0; i < people.size(); i++) {
            PersonFact held = people.get(i);
            if (held.login.equals(fact.login)) {
                if (fact.time < held.time) {
                    return false;
                }
                people.set(i, fact);
                return !fact.sameAs(held);
            }
        }
        if (people.size() >= MAX_FACTS) {
            people.remove(0);
        }
        people.add(fact);
        return true;
    }

    /** The login as the directory is keyed by it: trimmed and in lower case; null when blank. */
    static String normalize(String login) {
        if (login == null || login.isBlank()) {
            return null;
        }
        return login.trim().toLowerCase(Locale.ROOT);
    }

    private static String latest(List<OwnerEvidence> evidence, String source) {
        if (evidence == null) {
            return null;
        }
        for (OwnerEvidence e : evidence) {
            if (e.source.equals(source)) {
                return e.login;
            }
        }
        return null;
    }

    private static PersonFact find(List<PersonFact> people, String login) {
        if (people == null) {
            return null;
        }
        String normalized = normalize(login);
        for (PersonFact p : people) {
            if (p.login.equals(normalized)) {
                return p;
            }
        }
        return null;
    }
}
