package io.keyline.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.Timestamps;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of one line of Vault's file audit device that Keyline maps, read and checked. Values
 * Vault replaces by their HMAC are left out, except accessors, which are kept HMAC'd when the
 * device hashes them: one audit device always gives the same accessor the same HMAC. Request data
 * is read for one field only (the accessor a revocation names), and response data never.
 *
 * @param requestId {@code request.id}, shared by the request and the response entry of one call
 * @param time {@code time}, epoch milliseconds
 * @param response true for a {@code response} entry, false for a {@code request} entry
 * @param error the {@code error}, or null when the call succeeded
 * @param path {@code request.path}, relative to the namespace
 * @param namespacePath {@code request.namespace.path} ({@code team-a/}), or null for the root
 * @param operation {@code request.operation}, or null
 * @param mountType {@code request.mount_type}, or null
 * @param remoteAddress {@code request.remote_address}, or null
 * @param userAgent the audited {@code user-agent} request header, when it is not HMAC'd
 * @param auth the token that made the call ({@code auth}); empty for unauthenticated calls
 * @param callerAccessor the caller's accessor: {@code auth.accessor}, else {@code
 *     request.client_token_accessor}
 * @param issued the token a login or token creation issued ({@code response.auth}), or empty
 * @param wrappedAccessor the accessor of a token inside a response-wrapping token ({@code
 *     response.wrap_info.wrapped_accessor}), or null
 * @param revokedAccessor the accessor {@code auth/token/revoke-accessor} names, or null
 */
record VaultAuditEntry(
        String requestId,
        long time,
        boolean response,
        String error,
        String path,
        String namespacePath,
        String operation,
        String mountType,
        String remoteAddress,
        String userAgent,
        VaultAuth auth,
        String callerAccessor,
        VaultAuth issued,
        String wrappedAccessor,
        String revokedAccessor) {

    static final String REVOKE_ACCESSOR = "auth/token/revoke-accessor";
    static final String REVOKE_SELF = "auth/token/revoke-self";

    private static final int MAX_USER_AGENT = 512;
    private static final int MAX_TEXT = 1024;

    /**
     * Reads an entry; null for entry types that carry no token facts (the KMIP secrets engine's
     * {@code kmip-request} and {@code kmip-response}).
     */
    static VaultAuditEntry of(JsonNode entry) throws MalformedRecordException {
        if (!entry.isObject()) {
            throw new MalformedRecordException("a Vault audit entry is not a JSON object");
        }
        String type = Json.text(entry, "type");
        if (type == null) {
            throw new MalformedRecordException("a Vault audit entry has no type");
        }
        if (type.startsWith("kmip-")) {
            return null;
        }
        if (!type.equals("request") && !type.equals("response")) {
            throw new MalformedRecordException(
                    "a Vault audit entry has a type other than request or response");
        }
        long time = time(entry);
        JsonNode request = entry.get("request");
        if (request == null || request.isNull()) {
            throw new MalformedRecordException("a Vault audit entry has no request");
        }
        if (!request.isObject()) {
            throw new MalformedRecordException(
                    "the request of a Vault audit entry is not an object");
        }
        String requestId = VaultAuth.id(request, "id", "the request");
        if (requestId == null) {
            throw new MalformedRecordException("a Vault audit entry has no request id");
        }
        String path = text(request, "path");
        if (path == null) {
            throw new MalformedRecordException("a Vault audit entry has no request path");
        }
        JsonNode response = entry.get("response");
        if (response != null && !response.isNull() && !response.isObject()) {
            throw new MalformedRecordException(
                    "the response of a Vault audit entry is not an object");
        }
        VaultAuth auth = VaultAuth.of(entry.get("auth"), "the auth");
        String caller = auth.accessor();
        if (caller == null) {
            caller = VaultAuth.id(request, "client_token_accessor", "the request");
        }
        JsonNode wrapInfo = Json.object(response, "wrap_info");
        return new VaultAuditEntry(
                requestId,
                time,
                type.equals("response"),
                error(entry),
                path,
                VaultAuth.plain(text(Json.object(request, "namespace"), "path")),
                text(request, "operation"),
                text(request, "mount_type"),
                VaultAuth.plain(text(request, "remote_address")),
                userAgent(Json.object(request, "headers")),
                auth,
                caller,
                VaultAuth.of(response == null ? null : response.get("auth"), "the response auth"),
                wrapInfo == null
                        ? null
                        : VaultAuth.id(wrapInfo, "wrapped_accessor", "the response wrap_info"),
                path.equals(REVOKE_ACCESSOR)
                        ? VaultAuth.id(Json.object(request, "data"), "accessor", "the request data")
                        : null);
    }

    /** The call succeeded and this is its response: what it issued or revoked took effect. */
    boolean tookEffect() {
        return response && error == null;
    }

    /** A successful login: a call to an auth method (not the token store) that issued a token. */
    boolean isLogin() {
        return tookEffect()
                && path.startsWith("auth/")
                && !path.startsWith("auth/token/")
                && issued.accessor() != null;
    }

    /** A successful {@code auth/token/create}, {@code create-orphan} or {@code create/<role>}. */
    boolean isTokenCreation() {
        return tookEffect() && path.startsWith("auth/token/create");
    }

    /** A successful renewal of the caller's own token, which moves its expiry. */
    boolean isOwnRenewal() {
        return tookEffect()
                && path.startsWith("auth/token/renew")
                && callerAccessor != null
                && callerAccessor.equals(issued.accessor());
    }

    /** The path as a resource: with its namespace, when the call was made in one. */
    String resource() {
        if (namespacePath == null) {
            return path;
        }
        return namespacePath.endsWith("/") ? namespacePath + path : namespacePath + "/" + path;
    }

    /** {@code <mount type>:<operation>} ({@code kv:read}), or what of it the entry names. */
    String action() {
        if (mountType == null) {
            return operation;
        }
        return operation == null ? mountType : mountType + ":" + operation;
    }

    private static long time(JsonNode entry) throws MalformedRecordException {
        JsonNode time = entry.get("time");
        if (time == null || time.isNull()) {
            throw new MalformedRecordException("a Vault audit entry has no time");
        }
        if (!time.isTextual()) {
            throw new MalformedRecordException("the time of a Vault audit entry is not a string");
        }
        Long parsed = Timestamps.parseOrNull(time.asText());
        if (parsed == null) {
            throw new MalformedRecordException(
                    "the time of a Vault audit entry is not a time stamp");
        }
        return parsed;
    }

    private static String error(JsonNode entry) throws MalformedRecordException {
        JsonNode error = entry.get("error");
        if (error == null || error.isNull()) {
            return null;
        }
        if (!error.isTextual()) {
            throw new MalformedRecordException("the error of a Vault audit entry is not a string");
        }
        return error.asText().isBlank() ? null : error.asText();
    }

    /** The {@code user-agent} header, which Vault logs as a list of values, in any case. */
    private static String userAgent(JsonNode headers) {
        if (headers == null) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = headers.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> header = fields.next();
            if (header.getKey().toLowerCase(Locale.ROOT).equals("user-agent")) {
                JsonNode value = header.getValue();
                JsonNode first = value.isArray() && !value.isEmpty() ? value.get(0) : value;
                String agent = first.isTextual() ? VaultAuth.plain(first.asText()) : null;
                return Json.clip(agent, MAX_USER_AGENT);
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        return Json.clip(Json.text(node, field), MAX_TEXT);
    }
}
