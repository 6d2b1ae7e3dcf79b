package io.keyline.github;

import io.keyline.model.PrivilegeTier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The OAuth scopes of a classic personal access token or an OAuth token, as the audit log lists
 * them in {@code token_scopes} ({@code "repo,workflow,admin:org"}), with the privilege tier each
 * gives: {@code admin:*}, {@code delete_repo} and {@code site_admin} administer; {@code repo},
 * {@code workflow} and {@code write:packages} give full control of code, pipelines or packages;
 * {@code read:*} only reads; anything else writes.
 */
final class GitHubScopes {

    /** At most this many scopes of one token are kept; GitHub defines a few dozen. */
    static final int MAX_SCOPES = 40;

    private static final Pattern SCOPE = Pattern.compile("^[a-z0-9_]+(:[a-z0-9_]+)?$");

    /** One scope and the tier it gives. */
    record Scope(String name, PrivilegeTier tier, String reason) {}

    private GitHubScopes() {}

    /**
     * The scopes of a comma-separated list, each once, in the order given; entries that cannot be
     * scope names are skipped.
     */
    static List<Scope> parse(String list) {
        List<Scope> scopes = new ArrayList<>();
        if (list == null) {
            return scopes;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.length() > 64 || !SCOPE.matcher(name).matches() || !seen.add(name)) {
                continue;
            }
            scopes.add(assess(name));
            if (scopes.size() == MAX_SCOPES) {
                break;
            }
        }
        return scopes;
    }

    static Scope assess(String name) {
        if (name.startsWith("admin:")) {
            return new Scope(name, PrivilegeTier.ADMIN, "administration scope");
        }
        switch (name) {
            case "delete_repo":
                return new Scope(name, PrivilegeTier.ADMIN, "can delete repositories");
            case "site_admin":
                return new Scope(name, PrivilegeTier.ADMIN, "site administrator scope");
            case "repo":
                return new Scope(name, PrivilegeTier.HIGH, "full control of repositories");
            case "workflow":
                return new Scope(name, PrivilegeTier.HIGH, "can change Actions workflows");
            case "write:packages":
                return new Scope(name, PrivilegeTier.HIGH, "can publish packages");
            default:
                break;
        }
        if (name.startsWith("read:")) {
            return new Scope(name, PrivilegeTier.READ, "read-only scope");
        }
        return new Scope(name, PrivilegeTier.WRITE, "write scope");
    }
}
