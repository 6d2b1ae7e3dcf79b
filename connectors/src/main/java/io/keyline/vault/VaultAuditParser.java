package io.keyline.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.EventIds;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.format.Timestamps;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.Consumer;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.util.Set;
import org.apache.flink.annotation.Internal;

/**
 * HashiCorp Vault's file audit device: one JSON entry per line, a {@code request} entry when a call
 * arrives and a {@code response} entry when it is answered, both with the same {@code request.id}
 * (a JSON array of entries is read too).
 *
 * <p>Each call counts once, from its response entry. A request entry counts only when it carries an
 * {@code error}: Vault may answer a call it refuses without a response entry, and when both entries
 * are there they yield events with the same ids, so the duplicate filter keeps one.
 *
 * <ul>
 *   <li>A call by a token is {@code USED} on {@code vault:token:<accessor>}, for the token's
 *       principal ({@link VaultAuth}), with the path as resource, {@code <mount type>:<operation>}
 *       as action, the caller's address, user agent and workload as consumer, and the error code
 *       when it failed ({@link VaultErrors}). A renewal of the caller's own token adds its new
 *       expiry.
 *   <li>Each policy of the calling token is {@code GRANTED} to its principal, tiered by {@link
 *       VaultPolicies}. The id of a grant is hashed from the principal and the policy, so the many
 *       calls that show the same grant collapse into one. The log never shows a policy being taken
 *       away: a grant it showed once keeps counting, however long ago.
 *   <li>A login ({@code auth/<mount>/...} issuing {@code response.auth}) and a token creation
 *       ({@code auth/token/create...}) are {@code CREATED} of the new token, with its principal,
 *       its expiry from its issue time and TTL ({@code never} for a TTL of 0, which Vault leaves
 *       out) and its policies, whose grants follow. The actor of a login is the person its metadata
 *       names by e-mail, else the principal; that of a token creation is the caller. A creation
 *       whose response is wrapped names the new token only by {@code wrap_info.wrapped_accessor};
 *       the wrapping token itself, used once, is not counted.
 *   <li>{@code auth/token/revoke-accessor} and {@code auth/token/revoke-self} are {@code DELETED}
 *       of the revoked token. Revocations by token ({@code auth/token/revoke}) name only the
 *       token's HMAC, which is no accessor, and are not mapped.
 * </ul>
 *
 * <p>A call with a token Vault could not resolve names neither accessor nor principal and yields
 * nothing. Response data is never read; HMAC'd values other than accessors are never emitted;
 * rejected entries lose every field that may hold a token or a value ({@link VaultPayloads}).
 */
@Internal
public final class VaultAuditParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "vault-audit";

    /**
     * Fields that hold a token, its HMAC, or request and response values when logged raw; an error
     * message may quote the request's values too.
     */
    static final Set<String> SECRET_FIELDS =
            Set.of("client_token", "data", "token", "secret", "headers", "wrap_info", "error");

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = VaultPayloads.readOrReject(record, out, SECRET_FIELDS);
        if (root == null) {
            return;
        }
        if (root.isArray()) {
            root.forEach(entry -> parseEntry(entry, out));
        } else {
            parseEntry(root, out);
        }
    }

    private static void parseEntry(JsonNode node, ParseOutput out) {
        VaultAuditEntry entry;
        try {
            entry = VaultAuditEntry.of(node);
        } catch (MalformedRecordException e) {
            out.reject(e.getMessage(), VaultPayloads.without(node, SECRET_FIELDS));
            return;
        }
        if (entry == null || (!entry.response() && entry.error() == null)) {
            // An entry type without token facts, or a request whose response will count.
            return;
        }
        Events events = new Events(entry, out);

        // The call itself, unless it was a login: the token it issued did not make it.
        if (!entry.isLogin()) {
            used(entry, events);
            grants(entry.auth(), entry, out);
        }

        // What the call changed, when it took effect.
        if (entry.isLogin()) {
            created(entry, entry.issued(), entry.issued().actor(), events);
        } else if (entry.isTokenCreation()) {
            if (entry.issued().accessor() != null) {
                created(entry, entry.issued(), entry.auth().actor(), events);
            } else if (entry.wrappedAccessor() != null) {
                events.emit(
                        events.next(EventKind.CREATED)
                                .credential(
                                        CanonicalIds.vaultToken(entry.wrappedAccessor()),
                                        CredentialTypes.VAULT_TOKEN)
                                .actor(entry.auth().actor()));
            }
        } else if (entry.tookEffect()) {
            revoked(entry, events);
        }
    }

    private static void used(VaultAuditEntry entry, Events events) {
        VaultAuth auth = entry.auth();
        String credential =
                entry.callerAccessor() == null
                        ? null
                        : CanonicalIds.vaultToken(entry.callerAccessor());
        if (credential == null && auth.identityId() == null) {
            return;
        }
        IdentityEvent used =
                events.next(EventKind.USED)
                        .identity(auth.identityId())
                        .consumer(consumer(entry))
                        .resource(entry.resource())
                        .action(entry.action())
                        .attribute(Attributes.ERROR_CODE, VaultErrors.code(entry.error()));
        if (credential != null) {
            used.credential(credential, CredentialTypes.VAULT_TOKEN);
        }
        if (entry.isOwnRenewal() && entry.issued().ttlSeconds() != null) {
            used.attribute(
                    Attributes.EXPIRES_AT, expiry(entry.time(), entry.issued().ttlSeconds()));
        }
        events.emit(used);
    }

    private static void created(
            VaultAuditEntry entry, VaultAuth token, String actor, Events events) {
        IdentityEvent created =
                events.next(EventKind.CREATED)
                        .credential(token.credentialId(), CredentialTypes.VAULT_TOKEN)
                        .identity(token.identityId())
                        .actor(actor)
                        .attribute(Attributes.NAME, token.displayName());
        // Vault leaves out a TTL of 0: a token issued without one never expires.
        long ttl = token.ttlSeconds() == null ? 0 : token.ttlSeconds();
        long issuedAt = token.issuedAt() != null ? token.issuedAt() : entry.time();
        created.attribute(Attributes.EXPIRES_AT, expiry(issuedAt, ttl));
        if (!token.policies().isEmpty()) {
            created.attribute(Attributes.POLICIES, String.join(",", token.policies()));
        }
        events.emit(created);
        grants(token, entry, events.out);
    }

    private static void revoked(VaultAuditEntry entry, Events events) {
        String accessor;
        String identity = null;
        if (entry.path().equals(VaultAuditEntry.REVOKE_ACCESSOR)) {
            accessor = entry.revokedAccessor();
        } else if (entry.path().equals(VaultAuditEntry.REVOKE_SELF)) {
            accessor = entry.callerAccessor();
            identity = entry.auth().identityId();
        } else {
            return;
        }
        if (accessor != null) {
            events.emit(
                    events.next(EventKind.DELETED)
                            .credential(
                                    CanonicalIds.vaultToken(accessor), CredentialTypes.VAULT_TOKEN)
                            .identity(identity)
                            .actor(entry.auth().actor()));
        }
    }

    /** The token's policies as grants to its principal, one id per principal and policy. */
    private static void grants(VaultAuth token, VaultAuditEntry entry, ParseOutput out) {
        String identity = token.identityId();
        if (identity == null) {
            return;
        }
        for (String policy : token.policies()) {
            String resource = CanonicalIds.vaultPolicy(policy);
            out.emit(
                    IdentityEvent.of(
                                    EventIds.hashed(SOURCE, "GRANTED", identity, resource),
                                    entry.time(),
                                    SOURCE,
                                    EventKind.GRANTED)
                            .identity(identity)
                            .resource(resource)
                            .attribute(Attributes.PRIVILEGE, VaultPolicies.tier(policy).label())
                            .attribute(Attributes.PRIVILEGE_REASON, VaultPolicies.reason(policy)));
        }
    }

    private static Consumer consumer(VaultAuditEntry entry) {
        String workload = entry.auth().workload();
        if (entry.remoteAddress() == null && entry.userAgent() == null && workload == null) {
            return null;
        }
        return new Consumer(entry.remoteAddress(), entry.userAgent(), workload);
    }

    /**
     * An expiry {@code ttl} seconds after {@code from}; a TTL of 0 means the token never expires.
     */
    private static String expiry(long from, long ttlSeconds) {
        return ttlSeconds == 0 ? Attributes.NEVER : Timestamps.iso(from + ttlSeconds * 1000);
    }

    /**
     * The numbered events of one call: the first takes the call's {@code request.id}, each later
     * one a suffix {@code /n}, in a fixed order (use, creation, revocation), so that the request
     * and response entries of a refused call yield the same ids.
     */
    private static final class Events {
        private final VaultAuditEntry entry;
        private final ParseOutput out;
        private int yielded;

        Events(VaultAuditEntry entry, ParseOutput out) {
            this.entry = entry;
            this.out = out;
        }

        IdentityEvent next(EventKind kind) {
            return IdentityEvent.of(
                    EventIds.of(SOURCE, entry.requestId(), yielded++), entry.time(), SOURCE, kind);
        }

        void emit(IdentityEvent event) {
            out.emit(event);
        }
    }
}
