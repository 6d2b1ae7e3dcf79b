package io.keyline.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.Timestamps;
import io.keyline.model.Actors;
import io.keyline.model.CanonicalIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The token an {@code auth} block of a Vault audit entry describes: the token that made the call
 * (the entry's {@code auth}) or the one a login issued ({@code response.auth}). Only names are
 * kept; the HMAC of the token itself ({@code client_token}) is never read.
 *
 * <p>The principal is the token's identity entity when it has one ({@code vault:entity:<id>}), else
 * the display name Vault gave the token ({@code vault:auth:<display name>}: the auth mount and
 * login name, or {@code root}). Display names of tokens issued per workload instance (a Nomad
 * allocation) are as short-lived as those instances, which is what the log can tell.
 *
 * @param accessor the token's accessor, plain or {@code hmac-sha256:<hex>} (stable for one audit
 *     device), or null for an unauthenticated call
 * @param entityId the identity entity, or null
 * @param displayName the token's display name, or null
 * @param email the {@code email} of the token's metadata (OIDC and JWT logins), or null
 * @param policies the token's policies, identity policies included
 * @param role the {@code role} (or AppRole {@code role_name}) of the token's metadata, or null
 * @param serviceAccount {@code <namespace>/<name>} for a token of Kubernetes auth, or null
 * @param ttlSeconds the token's TTL as the entry states it, or null
 * @param issuedAt when the token was issued, epoch milliseconds, or null
 */
record VaultAuth(
        String accessor,
        String entityId,
        String displayName,
        String email,
        List<String> policies,
        String role,
        String serviceAccount,
        Long ttlSeconds,
        Long issuedAt) {

    static final VaultAuth NONE =
            new VaultAuth(null, null, null, null, List.of(), null, null, null, null);

    /** How Vault marks a value it replaced by its HMAC. */
    static final String HMAC_PREFIX = "hmac-sha256:";

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    private static final int MAX_NAME = 256;

    /** A century: no Vault TTL is longer; longer values are not TTLs. */
    private static final long MAX_TTL_SECONDS = 100L * 366 * 24 * 3600;

    /** The auth block at {@code node}, described as {@code what} in reasons; none when absent. */
    static VaultAuth of(JsonNode node, String what) throws MalformedRecordException {
        if (node == null || node.isNull()) {
            return NONE;
        }
        if (!node.isObject()) {
            throw new MalformedRecordException(what + " of a Vault audit entry is not an object");
        }
        JsonNode metadata = node.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw new MalformedRecordException(
                    "the metadata of " + what + " of a Vault audit entry is not an object");
        }
        String namespace = plain(Json.text(metadata, "service_account_namespace"));
        String account = plain(Json.text(metadata, "service_account_name"));
        String role = plain(Json.text(metadata, "role"));
        return new VaultAuth(
                id(node, "accessor", what),
                id(node, "entity_id", what),
                Json.clip(plain(Json.text(node, "display_name")), MAX_NAME),
                plain(Json.text(metadata, "email")),
                policies(node, what),
                Json.clip(role != null ? role : plain(Json.text(metadata, "role_name")), MAX_NAME),
                namespace != null && account != null
                        ? Json.clip(namespace + "/" + account, MAX_NAME)
                        : null,
                ttl(node, what),
                issuedAt(node, what));
    }

    /** The token as a credential id, or null when the entry names no accessor. */
    String credentialId() {
        return accessor == null ? null : CanonicalIds.vaultToken(accessor);
    }

    /** The principal the token authenticates, or null when the entry does not tell. */
    String identityId() {
        if (entityId != null) {
            return CanonicalIds.vaultEntity(entityId);
        }
        return displayName == null ? null : CanonicalIds.vaultAuth(displayName);
    }

    /** The workload behind the token: a Kubernetes service account, else the login role. */
    String workload() {
        if (serviceAccount != null) {
            return "k8s:" + serviceAccount;
        }
        return role == null ? null : "vault-role:" + role;
    }

    /** Who acts with this token: the person its login names by e-mail, else its principal. */
    String actor() {
        return Actors.isPerson(email) ? email.trim().toLowerCase(Locale.ROOT) : identityId();
    }

    boolean isEmpty() {
        return accessor == null && identityId() == null;
    }

    /** A value the audit device did not replace by its HMAC, or null. */
    static String plain(String value) {
        return value == null || value.startsWith(HMAC_PREFIX) || value.isBlank() ? null : value;
    }

    /** An accessor or id field; HMAC'd ones are kept, being stable for one audit device. */
    static String id(JsonNode node, String field, String what) throws MalformedRecordException {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            return null;
        }
        if (!value.isTextual() || !ID.matcher(value.asText()).matches()) {
            throw new MalformedRecordException(
                    "the " + field + " of " + what + " of a Vault audit entry is not an id");
        }
        return value.asText();
    }

    private static List<String> policies(JsonNode node, String what)
            throws MalformedRecordException {
        List<String> out = new ArrayList<>();
        JsonNode all = node.get("policies");
        if (all != null && !all.isNull()) {
            addPolicies(all, "policies", what, out);
        } else {
            // Some entries list the token's own and its entity's policies apart.
            for (String field : new String[] {"token_policies", "identity_policies"}) {
                JsonNode part = node.get(field);
                if (part != null && !part.isNull()) {
                    addPolicies(part, field, what, out);
                }
            }
        }
        return List.copyOf(out);
    }

    private static void addPolicies(JsonNode list, String field, String what, List<String> out)
            throws MalformedRecordException {
        if (!list.isArray()) {
            throw new MalformedRecordException(
                    "the " + field + " of " + what + " of a Vault audit entry is not an array");
        }
        for (JsonNode policy : list) {
            String name = policy.isTextual() ? plain(policy.asText().trim()) : null;
            if (name == null || name.length() > MAX_NAME) {
                throw new MalformedRecordException(
                        "a policy in the "
                                + field
                                + " of "
                                + what
                                + " of a Vault audit entry is not a policy name");
            }
            if (!out.contains(name)) {
                out.add(name);
            }
        }
    }

    private static Long ttl(JsonNode node, String what) throws MalformedRecordException {
        JsonNode ttl = node.get("token_ttl");
        if (ttl == null || ttl.isNull()) {
            return null;
        }
        if (!ttl.isIntegralNumber()
                || !ttl.canConvertToLong()
                || ttl.asLong() < 0
                || ttl.asLong() > MAX_TTL_SECONDS) {
            throw new MalformedRecordException(
                    "the token_ttl of "
                            + what
                            + " of a Vault audit entry is not a number of seconds");
        }
        return ttl.asLong();
    }

    private static Long issuedAt(JsonNode node, String what) throws MalformedRecordException {
        JsonNode issued = node.get("token_issue_time");
        if (issued == null
                || issued.isNull()
                || (issued.isTextual() && issued.asText().isEmpty())) {
            return null;
        }
        Long time = issued.isTextual() ? Timestamps.parseOrNull(issued.asText()) : null;
        if (time == null) {
            throw new MalformedRecordException(
                    "the token_issue_time of "
                            + what
                            + " of a Vault audit entry is not a time stamp");
        }
        return time;
    }
}
