package io.keyline.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.fingerprint.SecretIds;
import io.keyline.format.Json;
import io.keyline.format.ListingEvents;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.Timestamps;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.Location;
import io.keyline.model.Stores;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a listed Secret says, without ever keeping a value.
 *
 * <ul>
 *   <li>A {@code kubernetes.io/service-account-token} Secret is a legacy, long-lived token of the
 *       service account its {@code kubernetes.io/service-account.name} annotation names: {@code
 *       OBSERVED} as {@code k8s:sa-token:<cluster>/<ns>/<secret>}, never expiring, inactive when
 *       the control plane has marked it invalid ({@code kubernetes.io/legacy-token-invalid-since}),
 *       last used on the day of {@code kubernetes.io/legacy-token-last-used}. Its token is not
 *       read.
 *   <li>Any other Secret: each {@code data} (base64) and {@code stringData} entry whose key names a
 *       credential ({@code KEY}, {@code TOKEN}, {@code SECRET}, {@code PASSWORD}, {@code PASSWD},
 *       {@code CREDENTIAL}, {@code API}, {@code AUTH} anywhere in it, or the word {@code PAT}; a
 *       registry configuration of a docker-config Secret), or whose value has a known credential
 *       shape, is {@code STORED_AT} the Secret under the credential id {@link SecretIds} makes of
 *       the value, which is then dropped. {@code tls.key} is a key like any other.
 * </ul>
 *
 * <p>A Secret's annotations are never copied anywhere: {@code
 * kubectl.kubernetes.io/last-applied-configuration} may hold the whole Secret in clear. A rejected
 * entry is reported with the Secret stripped of its values and annotations.
 */
final class SecretFacts {

    static final String WHAT = "a Secret";

    private static final String TOKEN_TYPE = "kubernetes.io/service-account-token";
    private static final String TOKEN_SA_ANNOTATION = "kubernetes.io/service-account.name";
    private static final String LAST_USED_LABEL = "kubernetes.io/legacy-token-last-used";
    private static final String INVALID_SINCE_LABEL = "kubernetes.io/legacy-token-invalid-since";

    private static final Pattern CREDENTIAL_KEY =
            Pattern.compile(
                    "KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|API|AUTH|(^|[^A-Z])PAT([^A-Z]|$)");

    private static final String DOCKER_CONFIG = ".dockerconfigjson";
    private static final String DOCKER_CFG = ".dockercfg";

    private SecretFacts() {}

    static void emit(JsonNode secret, String cluster, SecretIds ids, ListingEvents events) {
        JsonNode metadata = Json.object(secret, "metadata");
        String name = Json.text(metadata, "name");
        String namespace = Json.text(metadata, "namespace");
        if (!K8sNames.isName(name) || !K8sNames.isName(namespace)) {
            events.reject(
                    WHAT + " has no metadata.name and metadata.namespace",
                    K8sPayloads.secret(secret));
            return;
        }
        if (TOKEN_TYPE.equals(Json.text(secret, "type"))) {
            token(secret, metadata, cluster, namespace, name, events);
            return;
        }
        String path = cluster + "/" + namespace + "/" + name;
        entries(secret, "data", true, path, cluster, ids, events);
        entries(secret, "stringData", false, path, cluster, ids, events);
    }

    private static void token(
            JsonNode secret,
            JsonNode metadata,
            String cluster,
            String namespace,
            String name,
            ListingEvents events) {
        String createdAt;
        String lastUsed;
        try {
            createdAt = ServiceAccountFacts.creationTime(metadata, WHAT);
            lastUsed = lastUsed(Json.text(metadata, "labels", LAST_USED_LABEL));
        } catch (MalformedRecordException e) {
            events.reject(e.getMessage(), K8sPayloads.secret(secret));
            return;
        }
        String account = Json.text(metadata, "annotations", TOKEN_SA_ANNOTATION);
        String token = CanonicalIds.k8sServiceAccountToken(cluster, namespace, name);
        boolean invalid = Json.text(metadata, "labels", INVALID_SINCE_LABEL) != null;
        events.emit(
                events.next(EventKind.OBSERVED, token)
                        .credential(token, CredentialTypes.K8S_SA_TOKEN)
                        .identity(
                                K8sNames.isName(account)
                                        ? new K8sNames.ServiceAccount(namespace, account)
                                                .id(cluster)
                                        : null)
                        .attribute(Attributes.NAME, name)
                        .attribute(Attributes.ACCOUNT, cluster)
                        .attribute(Attributes.CREATED_AT, createdAt)
                        .attribute(Attributes.LAST_USED_AT, lastUsed)
                        .attribute(Attributes.EXPIRES_AT, Attributes.NEVER)
                        .attribute(
                                Attributes.STATUS,
                                invalid ? Attributes.INACTIVE : Attributes.ACTIVE));
    }

    /** The day a legacy token was last used, as ISO-8601, or null; throws when not a date. */
    private static String lastUsed(String label) throws MalformedRecordException {
        if (label == null) {
            return null;
        }
        Long time = Timestamps.parseOrNull(label);
        if (time == null) {
            throw new MalformedRecordException(
                    "the " + LAST_USED_LABEL + " label of " + WHAT + " is not a date");
        }
        return Timestamps.iso(time);
    }

    private static void entries(
            JsonNode secret,
            String field,
            boolean base64,
            String path,
            String cluster,
            SecretIds ids,
            ListingEvents events) {
        JsonNode entries = secret.get(field);
        if (entries == null || entries.isNull()) {
            return;
        }
        if (!entries.isObject()) {
            events.reject(
                    "the " + field + " of " + WHAT + " is not an object",
                    K8sPayloads.secret(secret));
            return;
        }
        String type = Json.text(secret, "type");
        Iterator<Map.Entry<String, JsonNode>> it = entries.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            JsonNode node = entry.getValue();
            if (node.isNull()) {
                continue;
            }
            if (!node.isTextual()) {
                events.reject(
                        "an entry of the " + field + " of " + WHAT + " is not a string",
                        K8sPayloads.secret(secret));
                continue;
            }
            String value = base64 ? decoded(node.asText()) : node.asText();
            if (value == null) {
                events.reject(
                        "an entry of the " + field + " of " + WHAT + " is not valid base64",
                        K8sPayloads.secret(secret));
                continue;
            }
            if (value.isBlank()) {
                continue;
            }
            // The value is reduced to its id here and goes no further. Its shape alone decides
            // first; the key name then types it (an OPENAI_API_KEY is an LLM key).
            boolean shaped =
                    hasCredentialShape(ids.identify(value, null)) || value.trim().startsWith("sk-");
            if (!shaped && !namesCredential(key, type)) {
                continue;
            }
            SecretIds.Identified id = ids.identify(value, key);
            String location = path + "#" + key;
            events.emit(
                    events.next(EventKind.STORED_AT, id.credentialId(), location)
                            .credential(id.credentialId(), id.credentialType())
                            .location(new Location(Stores.K8S_SECRET, location))
                            .attribute(Attributes.SECRET_KEY, key)
                            .attribute(Attributes.ACCOUNT, cluster));
        }
    }

    /** True for a key that names a credential, or the registry configuration of its type. */
    static boolean namesCredential(String key, String type) {
        if ((DOCKER_CONFIG.equals(key) || DOCKER_CFG.equals(key))
                && type != null
                && type.startsWith("kubernetes.io/docker")) {
            return true;
        }
        return CREDENTIAL_KEY.matcher(key.toUpperCase(Locale.ROOT)).find();
    }

    /** True for an id SecretIds gave by the value's shape rather than a bare fingerprint. */
    private static boolean hasCredentialShape(SecretIds.Identified id) {
        return !id.credentialId().startsWith("fp:")
                || !CredentialTypes.GENERIC_SECRET.equals(id.credentialType());
    }

    /** A base64 value decoded to text (Latin-1 when it is not UTF-8), or null when not base64. */
    private static String decoded(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            // Binary content (a keystore): one character per byte keeps distinct values apart.
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
