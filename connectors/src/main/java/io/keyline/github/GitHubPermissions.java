package io.keyline.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.MalformedRecordException;
import io.keyline.model.PrivilegeTier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The permissions of a fine-grained personal access token, as the organization's token listing
 * gives them ({@code {"organization":{"members":"read"},"repository":{"contents":"write"}}}), and
 * of a GitHub App installation (one object without categories), with the privilege tier each gives:
 * any access to secrets, and writing to administration, workflows or members, gives full control;
 * other writes write; reads read.
 */
final class GitHubPermissions {

    /** The categories GitHub groups permissions in. */
    private static final List<String> CATEGORIES = List.of("organization", "repository", "other");

    /** At most this many permissions of one token are kept; GitHub defines about a hundred. */
    static final int MAX_PERMISSIONS = 150;

    private static final Set<String> CONTROL_WHEN_WRITTEN =
            Set.of("administration", "organization_administration", "workflows", "members");

    private static final Pattern NAME = Pattern.compile("^[a-z0-9_]{1,64}$");
    private static final Pattern LEVEL = Pattern.compile("^[a-z_]{1,32}$");

    /** One permission, its level and the tier they give. */
    record Permission(String name, String level, PrivilegeTier tier, String reason) {

        /** The resource of the grant: {@code permission:<name>:<level>}. */
        String resource() {
            return "permission:" + name + ":" + level;
        }
    }

    private GitHubPermissions() {}

    /**
     * The permissions of a {@code permissions} object, each once; none when it is missing or null.
     * Throws when it or one of its categories is not an object; entries whose name or level cannot
     * be one, and level {@code none}, are skipped.
     */
    static List<Permission> parse(JsonNode permissions, String what)
            throws MalformedRecordException {
        List<Permission> out = new ArrayList<>();
        if (permissions == null || permissions.isNull()) {
            return out;
        }
        if (!permissions.isObject()) {
            throw new MalformedRecordException("the permissions of " + what + " is not an object");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String category : CATEGORIES) {
            JsonNode group = permissions.get(category);
            if (group == null || group.isNull()) {
                continue;
            }
            if (!group.isObject()) {
                throw new MalformedRecordException(
                        "the " + category + " permissions of " + what + " are not an object");
            }
            add(group, seen, out);
        }
        return out;
    }

    /**
     * The permissions of a GitHub App installation, which GitHub gives in one object without
     * categories ({@code {"contents":"read","members":"write"}}), read as {@link #parse} reads each
     * category.
     */
    static List<Permission> parseFlat(JsonNode permissions, String what)
            throws MalformedRecordException {
        List<Permission> out = new ArrayList<>();
        if (permissions == null || permissions.isNull()) {
            return out;
        }
        if (!permissions.isObject()) {
            throw new MalformedRecordException("the permissions of " + what + " is not an object");
        }
        add(permissions, new LinkedHashSet<>(), out);
        return out;
    }

    /** Adds the permissions of one object of names and levels, up to {@link #MAX_PERMISSIONS}. */
    private static void add(JsonNode group, Set<String> seen, List<Permission> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = group.fields(); it.hasNext(); ) {
            if (out.size() >= MAX_PERMISSIONS) {
                return;
            }
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey().toLowerCase(Locale.ROOT);
            JsonNode levelNode = entry.getValue();
            String level =
                    levelNode != null && levelNode.isTextual()
                            ? levelNode.asText().trim().toLowerCase(Locale.ROOT)
                            : "";
            if (!NAME.matcher(name).matches()
                    || !LEVEL.matcher(level).matches()
                    || level.equals("none")
                    || !seen.add(name + ":" + level)) {
                continue;
            }
            out.add(assess(name, level));
        }
    }

    static Permission assess(String name, String level) {
        if (name.endsWith("secrets")) {
            return new Permission(name, level, PrivilegeTier.HIGH, "access to secrets");
        }
        boolean writes = !level.equals("read");
        if (writes && CONTROL_WHEN_WRITTEN.contains(name)) {
            return new Permission(name, level, PrivilegeTier.HIGH, "can change " + describe(name));
        }
        if (level.equals("admin")) {
            return new Permission(name, level, PrivilegeTier.HIGH, "admin permission");
        }
        if (writes) {
            return new Permission(name, level, PrivilegeTier.WRITE, "write permission");
        }
        return new Permission(name, level, PrivilegeTier.READ, "read permission");
    }

    private static String describe(String name) {
        switch (name) {
            case "workflows":
                return "Actions workflows";
            case "members":
                return "organization members";
            default:
                return "administration settings";
        }
    }
}
