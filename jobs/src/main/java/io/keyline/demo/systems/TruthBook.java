package io.keyline.demo.systems;

import io.keyline.model.Stores;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The facts the systems part writes, kept as Keyline should merge them: per credential its type,
 * identity, status (the latest evidence), creation (the earliest creation event, else the earliest
 * listed time), last use, expiry, places and owner evidence; per identity its tier, creator, owner
 * evidence and trusts; and the directory of people. Writers note each fact as they write the record
 * that states it, so the ground truth is the sum of what is in the files.
 *
 * <p>A fact that Keyline would merge differently depending on the order it reads the files in (two
 * identities for one credential, two owners of one source at the same time) is refused at once: the
 * generator must not plant input whose outcome depends on timing.
 */
final class TruthBook {

    /** A piece of owner evidence: the latest login of one source. */
    record Evidence(String login, long time) {}

    /** One person as the directory knows them, under each of their logins. */
    record Person(String email, boolean departed, String manager, Long endDate) {}

    /** Everything known about one credential; times are epoch milliseconds. */
    static final class Cred {
        final String id;
        final String fingerprintOf;
        String type;
        String identity;
        String status;
        long statusTime = Long.MIN_VALUE;
        Long createdAt;
        boolean creationSeen;
        String createdBy;
        Long lastUsed;
        Long expiresAt;
        boolean neverExpires;
        boolean expiryKnown;
        final Map<String, Long> locations = new LinkedHashMap<>();
        final Map<String, Evidence> evidence = new LinkedHashMap<>();

        Cred(String id, String fingerprintOf) {
            this.id = id;
            this.fingerprintOf = fingerprintOf;
        }

        /** When the credential was first found outside a managed store, or null. */
        Long exposedAt() {
            Long at = null;
            for (Map.Entry<String, Long> l : locations.entrySet()) {
                String store = l.getKey().substring(0, l.getKey().indexOf('|'));
                if (!Stores.isManaged(store) && (at == null || l.getValue() < at)) {
                    at = l.getValue();
                }
            }
            return at;
        }
    }

    /** Everything known about one identity. */
    static final class Ident {
        final String id;
        Tier tier = Tier.NONE;
        String createdBy;
        Long createdAt;
        final Map<String, Evidence> evidence = new LinkedHashMap<>();
        final Set<String> trusts = new LinkedHashSet<>();

        Ident(String id) {
            this.id = id;
        }
    }

    /** Privilege tiers, weakest first, with the labels Keyline writes. */
    enum Tier {
        NONE,
        READ,
        WRITE,
        HIGH,
        ADMIN;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean privileged() {
            return this == HIGH || this == ADMIN;
        }
    }

    private final Map<String, Cred> credentials = new LinkedHashMap<>();
    private final Map<String, Ident> identities = new LinkedHashMap<>();
    private final Map<String, Person> directory = new LinkedHashMap<>();

    /** The key of a credential known by its id, or by its value when its id is a fingerprint. */
    static String fingerprintKey(String value) {
        return "fp?" + value;
    }

    Cred credential(String key, String type) {
        Cred c =
                credentials.computeIfAbsent(
                        key,
                        k ->
                                k.startsWith("fp?")
                                        ? new Cred(null, k.substring(3))
                                        : new Cred(k, null));
        if (type != null) {
            if (c.type != null && !c.type.equals(type)) {
                throw conflict(key, "types " + c.type + " and " + type);
            }
            c.type = type;
        }
        return c;
    }

    Ident identity(String id) {
        return identities.computeIfAbsent(id, Ident::new);
    }

    Collection<Cred> credentials() {
        return credentials.values();
    }

    Collection<Ident> identities() {
        return identities.values();
    }

    Ident identityOrNull(String id) {
        return id == null ? null : identities.get(id);
    }

    /** A credential created by {@code actor} (its status becomes Active). */
    void created(String key, String type, String identity, long time, String actor) {
        Cred c = credential(key, type);
        identityOf(c, identity, key);
        if (!c.creationSeen || c.createdAt == null || time < c.createdAt) {
            c.createdAt = time;
            c.createdBy = actor;
            c.creationSeen = true;
        }
        status(c, "Active", time);
    }

    /** A credential in a listing at {@code time}; null arguments state nothing. */
    void observed(
            String key,
            String type,
            String identity,
            long time,
            String status,
            Long createdAt,
            Long lastUsed) {
        Cred c = credential(key, type);
        identityOf(c, identity, key);
        if (createdAt != null
                && !c.creationSeen
                && (c.createdAt == null || createdAt < c.createdAt)) {
            c.createdAt = createdAt;
        }
        if (status != null) {
            status(c, status, time);
        }
        if (lastUsed != null) {
            c.lastUsed = c.lastUsed == null ? lastUsed : Math.max(c.lastUsed, lastUsed);
        }
    }

    /** The expiry a fact states: a time, or {@code null} for "never", where expiry is allowed. */
    void expires(String key, Long expiresAt) {
        Cred c = credential(key, null);
        boolean never = expiresAt == null;
        if (c.expiryKnown && (c.neverExpires != never || !Objects.equals(c.expiresAt, expiresAt))) {
            throw conflict(key, "two expiries");
        }
        c.expiryKnown = true;
        c.neverExpires = never;
        c.expiresAt = expiresAt;
    }

    /** A successful use at {@code time}. */
    void used(String key, String type, String identity, long time) {
        Cred c = credential(key, type);
        identityOf(c, identity, key);
        status(c, "Active", time);
        c.lastUsed = c.lastUsed == null ? time : Math.max(c.lastUsed, time);
    }

    /** A copy of the credential found at {@code time} in a store. */
    void stored(String key, String type, String store, String path, long time) {
        Cred c = credential(key, type);
        c.locations.merge(store + "|" + path, time, Math::min);
    }

    void credentialOwner(String key, String login, String source, long time) {
        note(credential(key, null).evidence, login, source, time, key);
    }

    void identityOwner(String identity, String login, String source, long time) {
        note(identity(identity).evidence, login, source, time, identity);
    }

    void identityCreated(String identity, String actor, long time) {
        Ident i = identity(identity);
        if (i.createdAt == null || time < i.createdAt) {
            i.createdAt = time;
            i.createdBy = actor;
        }
    }

    void granted(String identity, Tier tier) {
        Ident i = identity(identity);
        if (tier.compareTo(i.tier) > 0) {
            i.tier = tier;
        }
    }

    void trusts(String identity, String principal) {
        identity(identity).trusts.add(principal);
    }

    /** A person of the directory, under every login it is known by. */
    void person(Person person, List<String> logins) {
        for (String login : logins) {
            String key = login.trim().toLowerCase(Locale.ROOT);
            Person held = directory.get(key);
            if (held != null && !held.equals(person)) {
                throw conflict(key, "two directory entries");
            }
            directory.put(key, person);
        }
    }

    Person person(String login) {
        return login == null ? null : directory.get(login.trim().toLowerCase(Locale.ROOT));
    }

    /** Every credential held by {@code identity}. */
    List<Cred> credentialsOf(String identity) {
        List<Cred> out = new ArrayList<>();
        for (Cred c : credentials.values()) {
            if (identity.equals(c.identity)) {
                out.add(c);
            }
        }
        return out;
    }

    private static void status(Cred c, String status, long time) {
        if ("Deleted".equals(c.status)) {
            return;
        }
        if (time == c.statusTime && !status.equals(c.status)) {
            throw conflict(c.id, "two statuses at one time");
        }
        if (time >= c.statusTime) {
            c.status = status;
            c.statusTime = time;
        }
    }

    private static void identityOf(Cred c, String identity, String key) {
        if (identity == null) {
            return;
        }
        if (c.identity != null && !c.identity.equals(identity)) {
            throw conflict(key, "identities " + c.identity + " and " + identity);
        }
        c.identity = identity;
    }

    private static void note(
            Map<String, Evidence> evidence, String login, String source, long time, String key) {
        String normalized = login.trim().toLowerCase(Locale.ROOT);
        Evidence held = evidence.get(source);
        if (held == null || time > held.time()) {
            evidence.put(source, new Evidence(normalized, time));
        } else if (time == held.time() && !held.login().equals(normalized)) {
            throw conflict(key, "two " + source + " owners at one time");
        }
    }

    private static IllegalStateException conflict(String key, String what) {
        return new IllegalStateException(
                "The generator planted " + what + " for " + key + "; the outcome would be racy.");
    }
}
